package dev.livetodos.adapter.in.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import dev.livetodos.application.port.in.IssueTicketCommand;
import dev.livetodos.application.port.in.IssueTicketUseCase;
import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.PersonId;
import java.util.List;
import java.util.Objects;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/live/tickets}: a signed-in person asks to open a live connection and gets a
 * single-use ticket for the WebSocket URL (a browser cannot send its token there). The ticket is
 * the caller's ({@code sub}) and ends their connection when their token ({@code exp}) expires.
 * Answered 201 {@code {"ticket","expiresAt"}}, never cached: the ticket is a secret.
 */
public final class LiveTicketRoutes {

    static final String PATH = "/api/live/tickets";

    private final IssueTicketUseCase issueTicket;

    public LiveTicketRoutes(IssueTicketUseCase issueTicket) {
        this.issueTicket = Objects.requireNonNull(issueTicket, "issueTicket");
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(PATH, this::issue)
                .route(path(PATH), request -> Mono.error(new MethodNotAllowedException(request.method(), List.of(HttpMethod.POST))))
                .build();
    }

    private Mono<ServerResponse> issue(ServerRequest request) {
        return request.principal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> command(((JwtAuthenticationToken) principal).getToken()))
                // The security chain lets no one here without a token; should it ever, the answer is still no.
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED)))
                .flatMap(issueTicket::issueTicket)
                .flatMap(ticket -> JsonResponses.respond(ServerResponse.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()),
                        TicketJson.of(ticket)));
    }

    /** A token without an expiry could hold a connection open for ever: it earns no ticket. */
    private static IssueTicketCommand command(Jwt token) {
        if (token.getSubject() == null || token.getExpiresAt() == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
        return new IssueTicketCommand(PersonId.of(token.getSubject()), token.getExpiresAt());
    }

    /** The answer's body: the ticket's code for {@code ?ticket=}, and until when it may be used (ISO-8601, UTC). */
    record TicketJson(String ticket, String expiresAt) {

        static TicketJson of(LiveTicket ticket) {
            return new TicketJson(ticket.code().value(), ticket.expiresAt().toString());
        }
    }
}
