package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;

class BrowserConfigRoutesTest {

    @Test
    void tellsTheBrowserWhereTheApiAndTheLiveChangesAre() {
        WebTestClient client = clientFor(new BrowserConfigRoutes("/api/todos", "wss://live.example.com/prod"));

        var response = client.get().uri("/config.json").exchange();

        response.expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody(String.class)
                .isEqualTo("{\"apiUrl\":\"/api/todos\",\"webSocketUrl\":\"wss://live.example.com/prod\"}");
    }

    @Test
    void tellsTheBrowserWhoSignsPeopleIn() {
        WebTestClient client = clientFor(new BrowserConfigRoutes("/api/todos", "/ws",
                new BrowserConfigRoutes.SignIn("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc", "client-1",
                        "openid profile email", "https://todos.auth.eu-west-1.amazoncognito.com/logout")));

        var response = client.get().uri("/config.json").exchange();

        response.expectStatus().isOk()
                .expectBody(String.class)
                .isEqualTo("{\"apiUrl\":\"/api/todos\",\"webSocketUrl\":\"/ws\","
                        + "\"issuer\":\"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc\",\"clientId\":\"client-1\","
                        + "\"scope\":\"openid profile email\",\"signOutUrl\":\"https://todos.auth.eu-west-1.amazoncognito.com/logout\"}");
    }

    @Test
    void leavesOutWhatAnIssuerDoesNotNeed() {
        WebTestClient client = clientFor(new BrowserConfigRoutes("/api/todos", "/ws",
                new BrowserConfigRoutes.SignIn("http://localhost:8081", "livetodos-web", null, null)));

        var response = client.get().uri("/config.json").exchange();

        response.expectBody(String.class).isEqualTo(
                "{\"apiUrl\":\"/api/todos\",\"webSocketUrl\":\"/ws\",\"issuer\":\"http://localhost:8081\",\"clientId\":\"livetodos-web\"}");
    }

    @Test
    void givenTheIssuerBecomesKnownAfterStart_thenTheNextPageIsToldOfIt() {
        AtomicReference<BrowserConfigRoutes.SignIn> issuer = new AtomicReference<>();
        WebTestClient client = clientFor(new BrowserConfigRoutes("/api/todos", "/ws", issuer::get));
        client.get().uri("/config.json").exchange()
                .expectBody(String.class).isEqualTo("{\"apiUrl\":\"/api/todos\",\"webSocketUrl\":\"/ws\"}");

        issuer.set(new BrowserConfigRoutes.SignIn("http://localhost:8081", "livetodos-web", null, null));
        var response = client.get().uri("/config.json").exchange();

        response.expectBody(String.class).isEqualTo(
                "{\"apiUrl\":\"/api/todos\",\"webSocketUrl\":\"/ws\",\"issuer\":\"http://localhost:8081\",\"clientId\":\"livetodos-web\"}");
    }

    @Test
    void answersAnotherMethodWithMethodNotAllowed() {
        WebTestClient client = clientFor(new BrowserConfigRoutes("/api/todos", "/ws"));

        var response = client.post().uri("/config.json").exchange();

        response.expectHeader().valueEquals("Allow", "GET");
        TodoApi.expectProblem(response, 405, "about:blank");
    }

    @Test
    void refusesABlankUrl() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BrowserConfigRoutes(" ", "/ws"))
                .withMessageContaining("apiUrl");
        assertThatIllegalArgumentException().isThrownBy(() -> new BrowserConfigRoutes("/api/todos", ""))
                .withMessageContaining("webSocketUrl");
        assertThatIllegalArgumentException().isThrownBy(() -> new BrowserConfigRoutes.SignIn("http://localhost:8081", " ", null, null))
                .withMessageContaining("clientId");
    }

    private static WebTestClient clientFor(BrowserConfigRoutes routes) {
        return WebTestClient.bindToRouterFunction(routes.routes())
                .handlerStrategies(HandlerStrategies.empty().exceptionHandler(new ProblemDetailsExceptionHandler()).build())
                .build();
    }
}
