package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.bootstrap.local.LocalIssuerLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person signing in to the page with the server's own local issuer, as the page does it, over
 * real HTTP: sign up with name and password on the issuer's form, then the authorization code
 * flow with PKCE (redirect back to the page's origin, code exchanged for tokens at the token
 * endpoint). One instance is one browser: its cookie jar keeps the issuer's session.
 */
final class LocalSignIn {

    static final String PASSWORD = "correct horse battery";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final URI issuer;
    private final URI page;
    private final String clientId;

    private LocalSignIn(URI issuer, URI page, String clientId) {
        this.issuer = issuer;
        this.page = page;
        this.clientId = clientId;
    }

    /** A new browser for the page served at {@code http://localhost:<apiPort>}, with the issuer the server published. */
    static LocalSignIn at(Environment server, int apiPort) {
        return new LocalSignIn(URI.create(server.getRequiredProperty(LocalIssuerLauncher.ISSUER_URI)),
                URI.create("http://localhost:" + apiPort), server.getRequiredProperty(LocalIssuerLauncher.WEB_CLIENT_ID));
    }

    /**
     * A new browser for the page at {@code page}, signing in where the page is told to:
     * {@code /config.json}'s issuer and client id (for a server in another process).
     */
    static LocalSignIn forPage(URI page) {
        HttpResponse<String> config;
        try {
            config = HttpClient.newHttpClient().send(HttpRequest.newBuilder(page.resolve("/config.json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonNode json = JSON.readTree(config.body());
        assertThat(json.path("issuer").isString()).as("config.json names an issuer: " + config.body()).isTrue();
        return new LocalSignIn(URI.create(json.path("issuer").asString()), page, json.path("clientId").asString());
    }

    /** A new browser for the page at {@code page}, signing in with {@code issuer} as client {@code clientId}. */
    static LocalSignIn of(URI issuer, URI page, String clientId) {
        return new LocalSignIn(issuer, page, clientId);
    }

    static String aName() {
        return "Person " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Signs up a new person (and is signed in as them), then signs the page in: their access token. */
    String signUpAndGetAccessToken() {
        String name = aName();
        signUp(name);
        return codeFlow(name).get("access_token").asString();
    }

    /** Signs up through the forms: the sign-in page's link, then the sign-up form. */
    void signUp(String name) {
        HttpResponse<String> signIn = open(issuer.resolve("/sign-in"));
        Element link = Jsoup.parse(signIn.body(), signIn.uri().toString()).selectFirst("a:contains(Sign up)");
        assertThat(link).as("the sign-in page links to sign-up: " + signIn.body()).isNotNull();
        HttpResponse<String> form = open(URI.create(link.absUrl("href")));
        assertThat(form.statusCode()).isEqualTo(200);
        HttpResponse<String> signedUp = submit(form, Map.of("name", name, "password", PASSWORD));
        assertThat(signedUp.statusCode()).as(signedUp.body()).isIn(200, 302, 303);
    }

    /** The page's sign-in: authorize with PKCE (signing in on the way if needed), then the code for tokens. */
    JsonNode codeFlow(String name) {
        String verifier = verifier();
        String state = UUID.randomUUID().toString();
        URI authorize = issuer.resolve("/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + page + "/&scope=openid%20profile&state=" + state + "&nonce=n-" + state
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
        HttpResponse<String> answer = followUntilThePage(open(authorize));
        if (answer.statusCode() == 200 && answer.body().contains("Sign in")) {
            answer = followUntilThePage(submit(answer, Map.of("name", name, "password", PASSWORD)));
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = query(back);
        assertThat(query).containsEntry("state", state).containsKey("code");

        HttpResponse<String> tokens = send(HttpRequest.newBuilder(issuer.resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", page.toString())
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", query.get("code"), "redirect_uri", page + "/", "client_id", clientId,
                        "code_verifier", verifier)))));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JSON.readTree(tokens.body());
    }

    private HttpResponse<String> open(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
    }

    /** Follows redirects one at a time until one leaves for the page (returned as it is) or a page shows. */
    private HttpResponse<String> followUntilThePage(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
            if (next.getHost().equals(page.getHost()) && next.getPort() == page.getPort()) {
                return current;
            }
            current = open(next);
        }
        return current;
    }

    /** Fills in the page's first form, its hidden fields (the CSRF token) as they are, and submits it. */
    private HttpResponse<String> submit(HttpResponse<String> page, Map<String, String> fields) {
        Element form = Jsoup.parse(page.body(), page.uri().toString()).selectFirst("form");
        assertThat(form).as("a form on " + page.uri() + ": " + page.body()).isNotNull();
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            values.put(input.attr("name"), input.attr("value"));
        }
        values.putAll(fields);
        return send(HttpRequest.newBuilder(URI.create(form.absUrl("action")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form(values))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int at = pair.indexOf('=');
                parameters.put(URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8),
                        at < 0 ? "" : URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String verifier() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
