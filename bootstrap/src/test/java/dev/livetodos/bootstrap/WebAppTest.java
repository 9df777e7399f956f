package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;


import dev.livetodos.bootstrap.local.LocalIssuerLauncher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The browser app as the real server hands it out: the page at {@code /} from the livetodos-web
 * jar, its hashed assets kept for a year, the page itself never kept stale, and the settings the
 * page reads at {@code /config.json}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livetodos.in-memory=true")
class WebAppTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"");

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private Environment environment;

    private WebTestClient http;

    @BeforeEach
    void client() {
        http = OpenApiContract.client(port)
                // The bundled script is larger than the client's default buffer.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    @Test
    void servesThePageAtTheRootAndHasItCheckedOnEveryVisit() {
        var page = http.get().uri("/").accept(MediaType.TEXT_HTML).exchange();

        page.expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectBody(String.class).value(html -> assertThat(html).contains("<div id=\"root\">"));
        http.get().uri("/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Test
    void keepsThePagesHashedScriptForAYear() {
        String script = scriptOf(page());

        http.get().uri(script).exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CONTENT_TYPE, type -> assertThat(type).contains("javascript"))
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody(byte[].class).value(body -> assertThat(body).isNotEmpty());
    }

    @Test
    void tellsThePageWhereTheApiAndTheLiveChangesAreAndNeverLetsThatBeCached() {
        http.get().uri("/config.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody()
                .jsonPath("$.apiUrl").isEqualTo("/api")
                .jsonPath("$.webSocketUrl").isEqualTo("/ws")
                .jsonPath("$.issuer").isEqualTo(environment.getRequiredProperty(LocalIssuerLauncher.ISSUER_URI))
                .jsonPath("$.clientId").isEqualTo(environment.getRequiredProperty(LocalIssuerLauncher.WEB_CLIENT_ID));
    }

    /**
     * A token sent where none is needed is still checked, and a bad one refused as everywhere
     * (RFC 6750), with its challenge; the document says so (the fuzz test once sent one to
     * /config.json and found the document silent about 401 there).
     */
    @Test
    void givenABadTokenOnAPublicPath_thenItIsRefusedAsTheDocumentSays() {
        for (String path : List.of("/config.json", "/v3/api-docs")) {
            http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void readsWhatThePageIsToldFromLivetodosBrowserSettings() {
        var settings = new MapConfigurationPropertySource(Map.of(
                "livetodos.browser.api-url", "https://todos.example.com/api",
                "livetodos.browser.web-socket-url", "wss://live.example.com/prod"));

        LivetodosProperties.Browser browser = new Binder(settings).bind("livetodos", LivetodosProperties.class)
                .get().browser();

        assertThat(browser.apiUrl()).isEqualTo("https://todos.example.com/api");
        assertThat(browser.webSocketUrl()).isEqualTo("wss://live.example.com/prod");
    }

    @Test
    void givenAnUnknownPath_thenAProblemThatIsNotKept() {
        SignedIn person = SignedIn.newPerson(environment);
        for (String path : new String[] {"/nope", "/assets/index-Missing0.js", "/api/nothing-here"}) {
            http.get().uri(path).accept(MediaType.TEXT_HTML, MediaType.ALL)
                    .header(HttpHeaders.AUTHORIZATION, person.authorization()).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(PROBLEM_JSON)
                    .expectHeader().doesNotExist(HttpHeaders.CACHE_CONTROL)
                    .expectBody().jsonPath("$.status").isEqualTo(404);
        }
    }

    @Test
    void givenNoToken_thenAnUnknownApiPathIsRefusedLikeEveryOther() {
        http.get().uri("/api/nothing-here").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(PROBLEM_JSON);
    }

    @Test
    void leavesTheApisAnswersAsTheyWere() {
        SignedIn person = SignedIn.newPerson(environment);
        http.get().uri(person.todos()).header(HttpHeaders.AUTHORIZATION, person.authorization()).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().doesNotExist(HttpHeaders.CACHE_CONTROL)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    private String page() {
        byte[] html = http.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        return new String(html, StandardCharsets.UTF_8);
    }

    private static String scriptOf(String html) {
        Matcher script = SCRIPT.matcher(html);
        assertThat(script.find()).as("a hashed script under /assets/ in %s", html).isTrue();
        return script.group(1);
    }
}
