package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.IssueTicketCommand;
import dev.livetodos.domain.model.LiveTicket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/** Issuing a live ticket to the caller of {@code POST /api/live/tickets}, with the caller's token as the security chain leaves it. */
class LiveTicketRoutesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant TOKEN_EXPIRES = Instant.parse("2026-12-01T10:10:00Z");

    private final List<IssueTicketCommand> asked = new CopyOnWriteArrayList<>();
    private final LiveTicketRoutes routes = new LiveTicketRoutes(command -> {
        asked.add(command);
        return Mono.just(LiveTicket.issue(command.person(), command.tokenExpiresAt(), NOW));
    });

    @Test
    void givenASignedInCaller_thenTheyGetATicketForThemselvesUntilTheirTokenExpires() {
        WebTestClient client = clientFor(token(Map.of("sub", "person-1", "exp", TOKEN_EXPIRES)));

        var response = client.post().uri("/api/live/tickets").exchange();

        response.expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody()
                .jsonPath("$.ticket").isNotEmpty()
                .jsonPath("$.expiresAt").isEqualTo("2026-12-01T10:00:30Z");
        assertThat(asked).singleElement().satisfies(command -> {
            assertThat(command.person().value()).isEqualTo("person-1");
            assertThat(command.tokenExpiresAt()).isEqualTo(TOKEN_EXPIRES);
        });
    }

    @Test
    void givenATokenWithoutExpiry_thenNoTicketIsIssued() {
        WebTestClient client = clientFor(token(Map.of("sub", "person-1")));

        var response = client.post().uri("/api/live/tickets").exchange();

        TodoApi.expectProblem(response, 401, "about:blank");
        assertThat(asked).isEmpty();
    }

    @Test
    void givenNoCaller_thenNoTicketIsIssued() {
        WebTestClient client = clientFor(null);

        var response = client.post().uri("/api/live/tickets").exchange();

        TodoApi.expectProblem(response, 401, "about:blank");
        assertThat(asked).isEmpty();
    }

    @Test
    void answersAnotherMethodWithMethodNotAllowed() {
        WebTestClient client = clientFor(token(Map.of("sub", "person-1", "exp", TOKEN_EXPIRES)));

        var response = client.get().uri("/api/live/tickets").exchange();

        response.expectHeader().valueEquals("Allow", "POST");
        TodoApi.expectProblem(response, 405, "about:blank");
    }

    private static JwtAuthenticationToken token(Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(NOW.minusSeconds(60));
        claims.forEach(jwt::claim);
        return new JwtAuthenticationToken(jwt.build());
    }

    private WebTestClient clientFor(JwtAuthenticationToken caller) {
        WebFilter signedIn = (exchange, chain) -> chain.filter(caller == null ? exchange
                : exchange.mutate().principal(Mono.just(caller)).build());
        return WebTestClient.bindToRouterFunction(routes.routes())
                .webFilter(signedIn)
                .handlerStrategies(HandlerStrategies.empty().exceptionHandler(new ProblemDetailsExceptionHandler()).build())
                .build();
    }
}
