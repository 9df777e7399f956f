package dev.livetodos.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;

/** The local issuer as the page, a person and a script meet it: real HTTP, real store, real context. */
class LocalIssuerTest {

    private static final String PASSWORD = "correct horse battery";

    private static LocalDynamoDb store;
    private static LocalIssuer issuer;
    private static IssuerClient client;

    @BeforeAll
    static void startIssuer() throws Exception {
        store = LocalDynamoDb.start();
        // Every test here signs in from 127.0.0.1; the per-address limit has a test of its own.
        issuer = IssuerClient.start(store, null, Map.of("livetodos.issuer.sign-in-failures-per-address", "1000"));
        client = new IssuerClient(issuer.issuer());
    }

    @AfterAll
    static void stopIssuer() throws Exception {
        issuer.close();
        store.close();
    }

    private static String aName() {
        return "Person " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void givenASignedUpPerson_whenThePageSignsThemIn_thenItsTokensVerifyAgainstTheKeysWithTheirIdAndName() {
        String name = aName();
        client.signUp(new Browser(), name, PASSWORD);
        Instant before = Instant.now().minusSeconds(1);

        JsonNode tokens = client.codeFlow(new Browser(), name, PASSWORD);

        Jwt access = client.verify(tokens.get("access_token").asString(), LocalIssuer.AUDIENCE);
        Jwt id = client.verify(tokens.get("id_token").asString(), LocalIssuer.WEB_CLIENT_ID);
        assertThat(access.getIssuer()).hasToString(issuer.issuer().toString());
        assertThat(UUID.fromString(access.getSubject())).isNotNull();
        assertThat(id.getSubject()).isEqualTo(access.getSubject());
        assertThat(access.getClaimAsString("name")).isEqualTo(name);
        assertThat(id.getClaimAsString("name")).isEqualTo(name);
        assertThat(access.getClaimAsString("preferred_username")).isEqualTo(name);
        assertThat(access.getAudience()).containsExactly(LocalIssuer.AUDIENCE);
        assertThat(access.getExpiresAt()).isBetween(before.plusSeconds(9 * 60), Instant.now().plusSeconds(10 * 60 + 1));
        assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.has("refresh_token")).as("a public client gets no refresh token").isFalse();
    }

    @Test
    void givenSignUp_thenThePersonIsSignedInAtOnceAndTheirStartPageNamesThem() {
        Browser browser = new Browser();
        String name = aName();

        HttpResponse<String> signedUp = client.signUp(browser, name, PASSWORD);

        assertThat(signedUp.statusCode()).isEqualTo(302);
        HttpResponse<String> home = browser.follow(signedUp, IssuerClient.PAGE);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(home.body()).select("strong").text()).isEqualTo(name);
    }

    @Test
    void givenAnAuthorizationInProgress_whenThePersonSignsUpOnTheWay_thenTheyAreSentBackToThePageWithACode() {
        Browser browser = new Browser();
        URI authorize = client.at("/oauth2/authorize?response_type=code&client_id=livetodos-web&redirect_uri=" + IssuerClient.PAGE
                + "/silent-renew.html&scope=openid&state=s1&code_challenge=" + IssuerClient.Pkce.make().challenge() + "&code_challenge_method=S256");
        HttpResponse<String> signInPage = browser.follow(browser.open(authorize), IssuerClient.PAGE);
        assertThat(signInPage.uri().getPath()).isEqualTo("/sign-in");
        String signUpLink = Jsoup.parse(signInPage.body(), signInPage.uri().toString()).selectFirst("a:contains(Sign up)").absUrl("href");

        HttpResponse<String> signedUp = browser.submit(browser.open(URI.create(signUpLink)), null, Map.of("name", aName(), "password", PASSWORD));

        HttpResponse<String> back = browser.follow(signedUp, IssuerClient.PAGE);
        URI target = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(target.getPath()).isEqualTo("/silent-renew.html");
        assertThat(Browser.query(target)).containsKey("code").containsEntry("state", "s1");
    }

    @Test
    void theFormsLabelTheirFieldsNameAndPasswordAndLinkToEachOther() {
        Browser browser = new Browser();

        var signIn = Jsoup.parse(browser.open(client.at("/sign-in")).body());
        var signUp = Jsoup.parse(browser.open(client.at("/sign-up")).body());

        for (var page : List.of(signIn, signUp)) {
            assertThat(page.select("label").eachText()).containsExactly("Name", "Password");
            assertThat(page.select("link[rel=stylesheet]").eachAttr("href")).containsExactly("/issuer.css");
            assertThat(page.select("script")).isEmpty();
            assertThat(page.select("input[name=_csrf]")).hasSize(1);
        }
        assertThat(signIn.select("button").eachText()).containsExactly("Sign in");
        assertThat(signUp.select("button").eachText()).containsExactly("Sign up");
        assertThat(signIn.select("a").eachAttr("href")).contains("/sign-up");
        assertThat(signUp.select("a").eachAttr("href")).contains("/sign-in");
    }

    @Test
    void givenATakenName_whenSomeoneSignsUpWithItInAnotherCase_thenTheyAreRefusedAndNothingIsWritten() {
        String name = aName();
        client.signUp(new Browser(), name, PASSWORD);
        int items = store.itemCount();

        HttpResponse<String> again = client.signUp(new Browser(), "  " + name.toUpperCase() + " ", "another password");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(again.body()).select("[role=alert]").text()).contains("That name is taken");
        assertThat(store.itemCount()).isEqualTo(items);
    }

    @Test
    void givenEightSignUpsOfOneNameAtOnce_thenExactlyOneGetsIt() throws Exception {
        String name = aName();
        int people = 8;
        List<Browser> browsers = new ArrayList<>();
        List<HttpResponse<String>> forms = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            Browser browser = new Browser();
            browsers.add(browser);
            forms.add(browser.open(client.at("/sign-up")));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(people);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < people; i++) {
                Browser browser = browsers.get(i);
                HttpResponse<String> form = forms.get(i);
                Callable<Integer> signUp = () -> {
                    go.await();
                    return browser.submit(form, null, Map.of("name", name, "password", PASSWORD)).statusCode();
                };
                answers.add(pool.submit(signUp));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(statuses).containsOnly(302, 409);
            assertThat(statuses.stream().filter(status -> status == 302)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenANameOrPasswordAgainstTheRules_thenTheFormSaysWhyAndNothingIsWritten() {
        int items = store.itemCount();

        HttpResponse<String> blank = client.signUp(new Browser(), "   ", PASSWORD);
        HttpResponse<String> tooLong = client.signUp(new Browser(), "x".repeat(65), PASSWORD);
        HttpResponse<String> control = client.signUp(new Browser(), "bell\u0007", PASSWORD);
        HttpResponse<String> shortPassword = client.signUp(new Browser(), aName(), "short");

        assertThat(List.of(blank, tooLong, control, shortPassword)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(400));
        assertThat(Jsoup.parse(blank.body()).select("[role=alert]").text()).contains("Enter a name.");
        assertThat(Jsoup.parse(tooLong.body()).select("[role=alert]").text()).contains("at most 64 characters");
        assertThat(Jsoup.parse(control.body()).select("[role=alert]").text()).contains("control characters");
        assertThat(Jsoup.parse(shortPassword.body()).select("[role=alert]").text()).contains("at least 8 characters");
        assertThat(store.itemCount()).isEqualTo(items);
    }

    @Test
    void givenAWrongPasswordOrAnUnknownName_thenSignInIsRefusedWithTheSameWords() {
        String name = aName();
        client.signUp(new Browser(), name, PASSWORD);

        HttpResponse<String> wrong = client.signIn(new Browser(), name, "not the password");
        HttpResponse<String> unknown = client.signIn(new Browser(), aName(), PASSWORD);

        for (HttpResponse<String> refused : List.of(wrong, unknown)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(Jsoup.parse(refused.body()).select("[role=alert]").text()).isEqualTo("Wrong name or password.");
        }
        assertThat(Jsoup.parse(wrong.body()).select("input[name=name]").attr("value")).isEqualTo(name);
    }

    @Test
    void givenFiveFailedSignInsForAName_thenEvenTheRightPasswordWaitsWithRetryAfter() {
        String name = aName();
        client.signUp(new Browser(), name, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(client.signIn(new Browser(), name, "wrong " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = client.signIn(new Browser(), name, PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 15 * 60L);
        assertThat(Jsoup.parse(locked.body()).select("[role=alert]").text()).startsWith("Too many failed sign-ins. Try again in");
        assertThat(client.signIn(new Browser(), aName(), PASSWORD).statusCode()).as("other names are not locked").isEqualTo(401);
    }

    @Test
    void givenFourFailedSignIns_whenTheRightPasswordComes_thenTheCountStartsAgain() {
        String name = aName();
        client.signUp(new Browser(), name, PASSWORD);
        for (int i = 0; i < 4; i++) {
            client.signIn(new Browser(), name, "wrong " + i);
        }

        assertThat(client.signIn(new Browser(), name, PASSWORD).statusCode()).isEqualTo(302);

        for (int i = 0; i < 4; i++) {
            assertThat(client.signIn(new Browser(), name, "wrong again " + i).statusCode()).isEqualTo(401);
        }
        assertThat(client.signIn(new Browser(), name, PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void theDiscoveryDocumentNamesThePinnedIssuerAndItsEndpoints() {
        // Asked by another name of the same host: the issuer stays the one it was given.
        HttpResponse<String> answer = new Browser().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + issuer.port() + "/.well-known/openid-configuration"))
                .header("Origin", IssuerClient.PAGE.toString()));

        JsonNode discovery = client.json(answer);
        String base = issuer.issuer().toString();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains(IssuerClient.PAGE.toString());
        assertThat(discovery.get("issuer").asString()).as("pinned, whatever the Host header").isEqualTo(base);
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(base + "/oauth2/authorize");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(base + "/oauth2/token");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(base + "/oauth2/jwks");
        assertThat(discovery.get("userinfo_endpoint").asString()).isEqualTo(base + "/userinfo");
        assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(base + "/connect/logout");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
        JsonNode metadata = client.json(new Browser().send(HttpRequest.newBuilder(client.at("/.well-known/oauth-authorization-server"))));
        assertThat(metadata.get("device_authorization_endpoint").asString()).isEqualTo(base + "/oauth2/device_authorization");
    }

    @Test
    void theKeySetPublishesOnePublicRsaKey() {
        JsonNode keys = client.json(new Browser().send(HttpRequest.newBuilder(client.at("/oauth2/jwks")))).get("keys");

        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("kty").asString()).isEqualTo("RSA");
        assertThat(keys.get(0).get("kid").asString()).isNotBlank();
        assertThat(keys.get(0).has("d")).as("no private part").isFalse();
    }

    @Test
    void givenNoSignedInPerson_thenABrowserIsSentToSignInAndAScriptGets401() {
        URI authorize = client.at("/oauth2/authorize?response_type=code&client_id=livetodos-web&redirect_uri=" + IssuerClient.PAGE
                + "/&scope=openid&code_challenge=" + IssuerClient.Pkce.make().challenge() + "&code_challenge_method=S256");

        HttpResponse<String> navigation = new Browser().open(authorize);
        HttpResponse<String> curl = new Browser().send(HttpRequest.newBuilder(authorize).header("Accept", "*/*"));
        HttpResponse<String> activate = new Browser().send(HttpRequest.newBuilder(client.at("/activate")).header("Accept", "application/json"));

        assertThat(navigation.statusCode()).isEqualTo(302);
        assertThat(navigation.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in");
        for (HttpResponse<String> script : List.of(curl, activate)) {
            assertThat(script.statusCode()).isEqualTo(401);
            assertThat(script.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(client.json(script).get("status").asInt()).isEqualTo(401);
        }
    }

    @Test
    void theTokenEndpointAnswersThePagesOriginsOnlyAcrossOrigins() {
        HttpResponse<String> page = preflight("http://127.0.0.1:8080");
        HttpResponse<String> other = preflight("https://evil.example");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).contains("http://127.0.0.1:8080");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) {
        return new Browser().send(HttpRequest.newBuilder(client.at("/oauth2/token")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
    }

    @Test
    void theIssuersSessionCookieHasItsOwnName() {
        HttpResponse<String> form = new Browser().open(client.at("/sign-in"));

        assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("LIVETODOS_ISSUER_SESSION=").containsIgnoringCase("HttpOnly"));
        assertThat(form.headers().allValues("Set-Cookie")).noneSatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID="));
    }

    @Test
    void givenAScript_whenItsPersonAllowsItsCode_thenItGetsATokenInTheirName() {
        String name = aName();
        Browser person = new Browser();
        client.signUp(person, name, PASSWORD);
        Browser script = new Browser();
        JsonNode device = client.json(script.post(client.at("/oauth2/device_authorization"),
                Map.of("client_id", LocalIssuer.SCRIPT_CLIENT_ID, "scope", "todos"), "application/json"));
        assertThat(device.get("verification_uri").asString()).isEqualTo(issuer.issuer() + "/activate");
        assertThat(pollToken(script, device).get("error").asString()).isEqualTo("authorization_pending");

        HttpResponse<String> activate = person.open(URI.create(device.get("verification_uri_complete").asString()));
        assertThat(Jsoup.parse(activate.body()).select("input[name=user_code]").attr("value")).isEqualTo(device.get("user_code").asString());
        HttpResponse<String> consent = person.follow(person.submit(activate, null, Map.of()), IssuerClient.PAGE);
        assertThat(Jsoup.parse(consent.body()).select("main").text()).contains(device.get("user_code").asString()).contains(name);
        HttpResponse<String> allowed = person.follow(person.submit(consent, null, Map.of()), IssuerClient.PAGE);
        assertThat(allowed.uri().getPath()).isEqualTo("/activated");

        JsonNode token = pollToken(script, device);

        Jwt access = client.verify(token.get("access_token").asString(), LocalIssuer.AUDIENCE);
        assertThat(access.getClaimAsString("name")).isEqualTo(name);
        assertThat(UUID.fromString(access.getSubject())).isNotNull();
        assertThat(access.getClaimAsStringList("scope")).containsExactly("todos");
    }

    @Test
    void givenAScript_whenItsPersonRefuses_thenItIsDeniedAndTheCodeIsSpent() {
        Browser person = new Browser();
        client.signUp(person, aName(), PASSWORD);
        Browser script = new Browser();
        JsonNode device = client.json(script.post(client.at("/oauth2/device_authorization"),
                Map.of("client_id", LocalIssuer.SCRIPT_CLIENT_ID, "scope", "todos"), "application/json"));
        HttpResponse<String> activate = person.open(URI.create(device.get("verification_uri_complete").asString()));
        HttpResponse<String> consent = person.follow(person.submit(activate, null, Map.of()), IssuerClient.PAGE);

        HttpResponse<String> refused = person.follow(person.submit(consent, 1, Map.of()), IssuerClient.PAGE);

        assertThat(Jsoup.parse(refused.body()).select("[role=alert]").text()).contains("You refused");
        assertThat(pollToken(script, device).get("error").asString()).isEqualTo("access_denied");
    }

    @Test
    void givenAScriptAskingForOpenidOrWithAnUnknownClient_thenItIsRefused() {
        Browser script = new Browser();

        HttpResponse<String> openid = script.post(client.at("/oauth2/device_authorization"),
                Map.of("client_id", LocalIssuer.SCRIPT_CLIENT_ID, "scope", "openid"), "application/json");
        HttpResponse<String> unknown = script.post(client.at("/oauth2/device_authorization"),
                Map.of("client_id", "someone-else", "scope", "todos"), "application/json");
        HttpResponse<String> page = script.post(client.at("/oauth2/device_authorization"),
                Map.of("client_id", LocalIssuer.WEB_CLIENT_ID, "scope", "profile"), "application/json");

        assertThat(openid.statusCode()).isEqualTo(400);
        assertThat(client.json(openid).get("error").asString()).isEqualTo("invalid_scope");
        assertThat(unknown.statusCode()).isEqualTo(401);
        // Spring's PKCE client authentication has the last word for the page's client: invalid_grant.
        assertThat(page.statusCode()).as(page.body()).isIn(400, 401);
        assertThat(page.body()).doesNotContain("device_code");
    }

    private JsonNode pollToken(Browser script, JsonNode device) {
        return client.json(script.post(client.at("/oauth2/token"), Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", device.get("device_code").asString(), "client_id", LocalIssuer.SCRIPT_CLIENT_ID), "application/json"));
    }
}
