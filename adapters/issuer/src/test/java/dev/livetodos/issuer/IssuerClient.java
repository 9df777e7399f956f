package dev.livetodos.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the page and a script do with the issuer, step by step, as real HTTP. */
final class IssuerClient {

    static final URI PAGE = URI.create("http://localhost:8080");
    static final List<URI> PAGE_ORIGINS = List.of(PAGE, URI.create("http://127.0.0.1:8080"));
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI issuer;

    IssuerClient(URI issuer) {
        this.issuer = issuer;
    }

    URI at(String path) {
        return issuer.resolve(path);
    }

    static LocalIssuer start(LocalDynamoDb store, java.nio.file.Path dataDir, Map<String, Object> properties) {
        return LocalIssuer.start(new LocalIssuerSettings("127.0.0.1", 0, java.util.Optional.ofNullable(dataDir), LocalDynamoDb.TABLE,
                PAGE_ORIGINS, properties), store.client());
    }

    /** Signs up in this browser through the forms: the sign-in page's link, then the sign-up form. */
    HttpResponse<String> signUp(Browser browser, String name, String password) {
        HttpResponse<String> signIn = browser.open(at("/sign-in"));
        String signUpLink = org.jsoup.Jsoup.parse(signIn.body(), signIn.uri().toString()).selectFirst("a:contains(Sign up)").absUrl("href");
        HttpResponse<String> form = browser.open(URI.create(signUpLink));
        assertThat(form.statusCode()).isEqualTo(200);
        return browser.submit(form, null, Map.of("name", name, "password", password));
    }

    HttpResponse<String> signIn(Browser browser, String name, String password) {
        HttpResponse<String> form = browser.open(at("/sign-in"));
        return browser.submit(form, null, Map.of("name", name, "password", password));
    }

    /** The page's sign-in: authorize with PKCE, sign in on the way if needed, exchange the code. */
    JsonNode codeFlow(Browser browser, String name, String password) {
        Pkce pkce = Pkce.make();
        String state = UUID.randomUUID().toString();
        URI authorize = at("/oauth2/authorize?response_type=code&client_id=" + LocalIssuer.WEB_CLIENT_ID
                + "&redirect_uri=" + PAGE + "/&scope=openid%20profile&state=" + state + "&nonce=n-" + state
                + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
        HttpResponse<String> answer = browser.follow(browser.open(authorize), PAGE);
        if (answer.statusCode() == 200 && answer.body().contains("Sign in")) {
            answer = browser.follow(browser.submit(answer, null, Map.of("name", name, "password", password)), PAGE);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(back.getPath()).isEqualTo("/");
        Map<String, String> query = Browser.query(back);
        assertThat(query).containsEntry("state", state).containsKey("code");

        HttpResponse<String> tokens = browser.send(java.net.http.HttpRequest.newBuilder(at("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", PAGE.toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.form(Map.of("grant_type", "authorization_code",
                        "code", query.get("code"), "redirect_uri", PAGE + "/", "client_id", LocalIssuer.WEB_CLIENT_ID,
                        "code_verifier", pkce.verifier())))));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).contains(PAGE.toString());
        return JSON.readTree(tokens.body());
    }

    /** Verifies a token against the issuer's published keys: signature, expiry, issuer, and the audience given. */
    Jwt verify(String token, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(at("/oauth2/jwks").toString()).build();
        OAuth2TokenValidator<Jwt> forUs = new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer.toString()), forUs));
        return decoder.decode(token);
    }

    JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    record Pkce(String verifier, String challenge) {
        static Pkce make() {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
