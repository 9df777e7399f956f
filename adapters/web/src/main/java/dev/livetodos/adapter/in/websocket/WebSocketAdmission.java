package dev.livetodos.adapter.in.websocket;

import dev.livetodos.application.port.in.RedeemTicketCommand;
import dev.livetodos.application.port.in.RedeemTicketUseCase;
import dev.livetodos.domain.model.AllowedCallers;
import dev.livetodos.domain.model.LiveTicket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handshake at {@code /ws}, before the upgrade: a page from a site that is not allowed
 * ({@link AllowedCallers#allowsOrigin}) is refused with 403; one without a live ticket that can
 * be redeemed ({@code ?ticket=…}: none, forged, used or expired) with 401, its value never
 * logged; and past the caps on open sessions
 * the handshake is refused with 503 (the server is full) or 429 (too many from this address),
 * each with a problem-details body and {@code Retry-After} where trying later helps. An admitted
 * session holds its place until it ends.
 */
final class WebSocketAdmission implements WebHandler {

    static final String ORIGIN_NOT_ALLOWED = "/problems/origin-not-allowed";
    static final String TICKET_REFUSED = "/problems/ticket-refused";
    static final String TICKET = "ticket";
    static final String TOO_MANY_CONNECTIONS = "/problems/too-many-connections";
    static final String RETRY_AFTER_SECONDS = "10";

    private static final Logger log = LoggerFactory.getLogger(WebSocketAdmission.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TodoWebSocketHandler handler;
    private final AllowedCallers callers;
    private final SessionCounts counts;
    private final RedeemTicketUseCase redeemTicket;
    private final WebSocketService handshake = new HandshakeWebSocketService();

    WebSocketAdmission(TodoWebSocketHandler handler, AllowedCallers callers, SessionCounts counts, RedeemTicketUseCase redeemTicket) {
        this.handler = handler;
        this.callers = callers;
        this.counts = counts;
        this.redeemTicket = redeemTicket;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        if (!callers.allowsOrigin(origin, request.getURI().getScheme(), request.getHeaders().getFirst(HttpHeaders.HOST))) {
            log.info("Refused a live connection from a page at {}", abbreviate(origin));
            return refuse(exchange, HttpStatus.FORBIDDEN, ORIGIN_NOT_ALLOWED, "Origin not allowed",
                    "Live changes are only sent to pages of this server's own site.");
        }
        String ticket = request.getQueryParams().getFirst(TICKET);
        Mono<LiveTicket> redeemed = ticket == null ? Mono.empty() : redeemTicket.redeemTicket(new RedeemTicketCommand(ticket));
        // Admitting completes empty too, so the refusal must hang on the ticket, not on what follows it.
        return redeemed.map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(admitted -> admitted.isPresent() ? admit(exchange, admitted.get()) : refuseTicket(exchange));
    }

    /** A client's mistake (or a guess): said once, plainly, without the ticket. */
    private static Mono<Void> refuseTicket(ServerWebExchange exchange) {
        log.info("Refused a live connection: no ticket that could be redeemed");
        return refuse(exchange, HttpStatus.UNAUTHORIZED, TICKET_REFUSED, "Ticket refused",
                "Live connections need a fresh ticket from POST /api/live/tickets, used once within 30 seconds.");
    }

    private Mono<Void> admit(ServerWebExchange exchange, LiveTicket ticket) {
        ServerHttpRequest request = exchange.getRequest();
        SessionCounts.Admission admission = counts.admit(addressOf(request));
        if (admission.refusal() == SessionCounts.Refusal.SERVER_FULL) {
            log.warn("Refused a live connection: the server holds as many as it may");
            return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, TOO_MANY_CONNECTIONS, "Too many live connections",
                    "The server holds as many live connections as it may. Try again later.");
        }
        if (admission.refusal() == SessionCounts.Refusal.ADDRESS_FULL) {
            log.info("Refused a live connection from {}: too many open from there", request.getRemoteAddress());
            return refuse(exchange, HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_CONNECTIONS, "Too many live connections",
                    "Too many live connections are open from your address. Close some, or try again later.");
        }
        SessionCounts.Place place = admission.place();
        AtomicBoolean opened = new AtomicBoolean();
        WebSocketHandler holdingItsPlace = session -> {
            opened.set(true);
            return handler.handle(session, ticket.person(), ticket.tokenExpiresAt()).doFinally(signal -> place.release());
        };
        // A handshake that fails (not a WebSocket request, a lost connection) never opens a session.
        return handshake.handleRequest(exchange, holdingItsPlace)
                .doFinally(signal -> {
                    if (!opened.get()) {
                        place.release();
                    }
                });
    }

    private static InetAddress addressOf(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.TOO_MANY_REQUESTS) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("type", type).put("title", title).put("status", status.value()).put("detail", detail));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return '"' + (printable.length() <= 100 ? printable : printable.substring(0, 100) + "…") + '"';
    }
}
