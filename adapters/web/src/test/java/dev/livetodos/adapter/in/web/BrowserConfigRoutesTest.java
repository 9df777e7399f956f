package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
    }

    private static WebTestClient clientFor(BrowserConfigRoutes routes) {
        return WebTestClient.bindToRouterFunction(routes.routes())
                .handlerStrategies(HandlerStrategies.empty().exceptionHandler(new ProblemDetailsExceptionHandler()).build())
                .build();
    }
}
