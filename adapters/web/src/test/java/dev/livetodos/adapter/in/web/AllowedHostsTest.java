package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.AllowedCallers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The filter in front of a stand-in for the API; the rule itself is {@code AllowedCallersTest}'s. */
class AllowedHostsTest {

    private final WebTestClient client = WebTestClient
            .bindToRouterFunction(RouterFunctions.route()
                    .GET("/api/todos", request -> ServerResponse.ok().bodyValue("[]"))
                    .build())
            .webFilter(new AllowedHosts(new AllowedCallers(List.of("todos.example.com"), List.of())))
            .build();

    @Test
    void answersRequestsToLoopbackNamesAddressesAndTheConfiguredNames() {
        for (String host : List.of("localhost:8080", "127.0.0.1:8080", "[::1]:8080", "192.168.1.20:8080", "todos.example.com")) {
            client.get().uri("/api/todos").header(HttpHeaders.HOST, host).exchange()
                    .expectStatus().isOk();
        }
    }

    @Test
    void givenARequestToAnotherName_thenAnswers421ProblemAndReachesNothing() {
        client.get().uri("/api/todos").header(HttpHeaders.HOST, "rebound.attacker.example:8080").exchange()
                .expectStatus().isEqualTo(421)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/host-not-allowed")
                .jsonPath("$.status").isEqualTo(421)
                .jsonPath("$.title").isEqualTo("Host not allowed")
                .jsonPath("$.detail").isNotEmpty();
    }
}
