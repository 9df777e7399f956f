package dev.livetodos.bootstrap.local;

import dev.livetodos.bootstrap.LocalMode;
import java.io.IOException;
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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The build's class-data sharing training run ({@code livetodos.training-run=true}): once the
 * server is ready it does what a first visitor does (the page, signing up and in on the local
 * issuer with the authorization code flow and PKCE, their lists, the todos of "My todos", a
 * create, an update, a delete, a live ticket), then stops the application and exits, so the archive the JVM writes at exit
 * holds the classes a first request needs as well as those of starting up. The account it makes
 * lives only as long as this in-memory run.
 */
@Component
@Conditional(LocalMode.class)
@ConditionalOnProperty(name = "livetodos.training-run", havingValue = "true")
class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        String port = environment.getRequiredProperty("local.server.port");
        URI issuer = URI.create(environment.getRequiredProperty(LocalIssuerLauncher.ISSUER_URI) + "/");
        String clientId = environment.getRequiredProperty(LocalIssuerLauncher.WEB_CLIENT_ID);
        int exitCode = visited(URI.create("http://localhost:" + port + "/"), issuer, clientId) ? 0 : 1;
        System.exit(SpringApplication.exit(ready.getApplicationContext(), () -> exitCode));
    }

    private static boolean visited(URI page, URI issuer, String clientId) {
        try {
            visit(page, issuer, clientId);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("The training run failed: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void visit(URI page, URI issuer, String clientId) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        expect(http, HttpRequest.newBuilder(page).GET(), 200);
        expect(http, HttpRequest.newBuilder(page.resolve("config.json")).GET(), 200);
        String bearer = "Bearer " + signUpAndIn(http, page, issuer, clientId);

        String id = UUID.randomUUID().toString();
        URI lists = page.resolve("api/lists");
        expect(http, HttpRequest.newBuilder(lists).GET(), 401);
        expect(http, HttpRequest.newBuilder(page.resolve("api/me")).header("Authorization", bearer).GET(), 200);
        String myLists = send(http, HttpRequest.newBuilder(lists).header("Authorization", bearer).GET(), 200).body();
        URI todos = page.resolve("api/lists/" + JSON.readTree(myLists).path(0).path("id").asString() + "/todos");
        expect(http, HttpRequest.newBuilder(todos).header("Authorization", bearer).GET(), 200);
        expect(http, json(todos, bearer, "POST", "{\"id\":\"" + id + "\",\"name\":\"Train the class cache\"}"), 201);
        expect(http, json(todos, bearer, "PUT", "[{\"id\":\"" + id + "\",\"changes\":{\"status\":\"completed\"},\"version\":1}]"), 200);
        expect(http, json(todos, bearer, "PUT", "[{\"id\":\"" + id + "\",\"changes\":{\"name\":\"Stale\"},\"version\":1}]"), 409);
        expect(http, json(todos, bearer, "DELETE", "[\"" + id + "\"]"), 200);
        expect(http, HttpRequest.newBuilder(todos).header("Authorization", bearer).GET(), 200);
        expect(http, HttpRequest.newBuilder(page.resolve("api/live/tickets")).header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.noBody()), 201);
    }

    /** As the page does it: sign up on the issuer's form, then the code flow with PKCE; the access token. */
    private static String signUpAndIn(HttpClient http, URI page, URI issuer, String clientId)
            throws IOException, InterruptedException {
        String name = "training-run-" + UUID.randomUUID();
        String password = random();
        String form = send(http, HttpRequest.newBuilder(issuer.resolve("sign-up")).GET(), 200).body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("the sign-up form has no CSRF field");
        }
        send(http, form(issuer.resolve("sign-up"), Map.of("name", name, "password", password, "_csrf", csrf.group(1))), 302);

        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String redirect = page.toString();
        URI next = issuer.resolve("oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + encode(redirect) + "&scope=openid%20profile&state=training&code_challenge="
                + challenge + "&code_challenge_method=S256");
        for (int hops = 0; !next.toString().startsWith(redirect); hops++) {
            if (hops == 5) {
                throw new IllegalStateException("the authorization did not come back to the page");
            }
            HttpResponse<String> answer = send(http, HttpRequest.newBuilder(next).GET(), 302);
            next = next.resolve(answer.headers().firstValue("Location").orElseThrow());
        }
        String code = next.getRawQuery().replaceAll("(^|.*&)code=([^&]+).*", "$2");
        String tokens = send(http, form(issuer.resolve("oauth2/token"), Map.of("grant_type", "authorization_code",
                "code", URLDecoder.decode(code, StandardCharsets.UTF_8), "redirect_uri", redirect, "client_id", clientId,
                "code_verifier", verifier)).header("Origin", page.toString().replaceAll("/$", "")), 200).body();
        return JSON.readTree(tokens).path("access_token").asString();
    }

    private static HttpRequest.Builder json(URI uri, String bearer, String method, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Authorization", bearer)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder form(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static void expect(HttpClient http, HttpRequest.Builder request, int status)
            throws IOException, InterruptedException {
        send(http, request, status);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, int status)
            throws IOException, InterruptedException {
        HttpRequest sent = request.timeout(TIMEOUT).build();
        HttpResponse<String> answer = http.send(sent, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != status) {
            throw new IllegalStateException(sent.method() + " " + sent.uri().getPath() + " answered " + answer.statusCode()
                    + ", not " + status);
        }
        return answer;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
