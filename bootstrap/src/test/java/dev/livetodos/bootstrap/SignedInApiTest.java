package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.bootstrap.local.LocalIssuerLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The API as a resource server, from the outside: the server as its main starts it, with the
 * real local issuer beside it, a person signed up on the issuer's forms and signed in by the
 * page's code flow with PKCE.
 */
class SignedInApiTest {

    private static ConfigurableApplicationContext server;
    private static int port;
    private static WebTestClient http;

    @BeforeAll
    static void start() {
        server = LivetodosApplication.application().run("--server.port=0", "--livetodos.in-memory=true");
        port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = OpenApiContract.client(port).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void givenNoToken_thenTheApiAnswers401ProblemWithABearerChallenge() {
        var response = http.get().uri("/api/lists").exchange();

        response.expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo("/api/lists");
    }

    @Test
    void givenAForgedToken_thenTheApiAnswers401InvalidToken() {
        String token = LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        var response = http.get().uri("/api/lists").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged).exchange();

        response.expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void givenAGoodToken_thenTheApiAnswers() {
        String token = LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken();

        var response = http.get().uri("/api/lists").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();

        response.expectStatus().isOk();
    }

    @Test
    void givenTheLocalIssuerRuns_thenThePageIsToldToSignInThere() {
        var response = http.get().uri("/config.json").exchange();

        response.expectStatus().isOk()
                .expectBody()
                .jsonPath("$.issuer").isEqualTo(server.getEnvironment().getRequiredProperty(LocalIssuerLauncher.ISSUER_URI))
                .jsonPath("$.clientId").isEqualTo("livetodos-web");
    }

    @Test
    void givenNoToken_thenTheApiDocumentIsServedAsOpenApi31Json() {
        var response = http.get().uri("/v3/api-docs").exchange();

        response.expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=300, public")
                .expectHeader().exists(HttpHeaders.ETAG)
                .expectBody()
                .jsonPath("$.openapi").value(String.class, version -> assertThat(version).matches("3\\.1\\.\\d+"))
                .jsonPath("$.paths['/api/lists/{listId}/changes'].get.responses['409']").exists();
    }

    @Test
    void givenTheDocumentsETag_thenItIsAnswered304WithoutABody() {
        String etag = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseHeaders().getETag();

        var response = http.get().uri("/v3/api-docs").header(HttpHeaders.IF_NONE_MATCH, etag).exchange();

        response.expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectBody().isEmpty();
    }

    @Test
    void givenNoToken_thenThePageAndItsSettingsAreStillServed() {
        http.get().uri("/").exchange().expectStatus().isOk();
        http.get().uri("/config.json").exchange().expectStatus().isOk();
    }
}
