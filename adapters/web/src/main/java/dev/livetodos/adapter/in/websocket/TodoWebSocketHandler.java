package dev.livetodos.adapter.in.websocket;

import dev.livetodos.adapter.out.websocket.SessionOutbox;
import dev.livetodos.adapter.out.websocket.WebSocketSubscribers;
import dev.livetodos.adapter.wire.ErrorMessage;
import dev.livetodos.adapter.wire.LiveJson;
import dev.livetodos.application.port.in.AnswerPingUseCase;
import dev.livetodos.application.port.in.RedeemTicketUseCase;
import dev.livetodos.domain.model.AllowedCallers;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One browser's live-change connection at {@value #PATH}. The session is a subscriber while it is
 * open, of the person whose ticket opened it (so it hears of that person's lists): it gets every frame sent to it, in order, through its own bounded buffer, and is
 * forgotten when it closes or is lost. The client may send {@code {"type":"ping"}} (answered
 * {@code {"type":"pong"}}); anything else is answered with {@link #NOT_UNDERSTOOD} and the
 * connection stays open. The server pings every session; one that sends nothing at all (a
 * browser answers each ping by itself) for the {@link WebSocketLimits#silenceDeadline()} is closed
 * with {@link #SILENT}. The handshake is admitted by {@link WebSocketAdmission}: allowed origins only,
 * a live ticket redeemed ({@code ?ticket=…}), within the caps on open sessions. A session never
 * outlives the token its ticket was issued against: it is closed with {@link #TOKEN_EXPIRED} then.
 */
public final class TodoWebSocketHandler implements WebSocketHandler {

    public static final String PATH = "/ws";

    /** Before the functional routes' mapping (order -1), so nothing else claims {@value #PATH}. */
    public static final int MAPPING_ORDER = -2;

    static final String NOT_UNDERSTOOD = LiveJson.write(ErrorMessage.ONLY_PING_IS_UNDERSTOOD);

    /**
     * 1013: two open sessions cannot share an id, and Spring names a Reactor Netty session by an
     * identity hash, which two live sessions may rarely share. The newcomer reconnects as another.
     */
    static final CloseStatus ID_TAKEN = CloseStatus.SERVICE_OVERLOAD.withReason("Session id in use; reconnect.");

    /** 1001: nothing came from the client for too long, so it is taken for lost. A live client reconnects. */
    static final CloseStatus SILENT = CloseStatus.GOING_AWAY.withReason("Nothing heard from the client; reconnect.");

    /** 4401: the person's token behind the ticket has expired; the page gets a new ticket (and token) and reconnects. */
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "Token expired; reconnect with a new ticket.");

    private static final Logger log = LoggerFactory.getLogger(TodoWebSocketHandler.class);

    private final WebSocketSubscribers subscribers;
    private final AnswerPingUseCase answerPing;
    private final int outboundBufferFrames;
    private final WebSocketLimits limits;
    private final AllowedCallers callers;
    private final SessionCounts counts;
    private final RedeemTicketUseCase redeemTicket;
    private final Clock clock;

    /**
     * With the {@link WebSocketLimits#DEFAULTS default limits}, for pages of this server and
     * loopback pages; every ticket is refused, so no handshake is admitted.
     */
    public TodoWebSocketHandler(WebSocketSubscribers subscribers, AnswerPingUseCase answerPing, int outboundBufferFrames) {
        this(subscribers, answerPing, outboundBufferFrames, WebSocketLimits.DEFAULTS, AllowedCallers.loopbackAndAddresses(),
                command -> Mono.empty(), Clock.systemUTC());
    }

    /**
     * @param outboundBufferFrames how many frames may wait for one client before it counts as no
     *                             longer reading (rounded up to a power of two, at least 8)
     * @param limits               pings, the silence deadline and the caps on open sessions
     * @param callers              which pages may connect
     * @param redeemTicket         uses up the ticket a handshake carries: whose connection it is, until when
     * @param clock                tells when a session's token has expired
     */
    public TodoWebSocketHandler(WebSocketSubscribers subscribers, AnswerPingUseCase answerPing, int outboundBufferFrames,
                                WebSocketLimits limits, AllowedCallers callers, RedeemTicketUseCase redeemTicket, Clock clock) {
        if (outboundBufferFrames < 1) {
            throw new IllegalArgumentException("outboundBufferFrames must be at least 1, was " + outboundBufferFrames);
        }
        this.subscribers = subscribers;
        this.answerPing = answerPing;
        this.outboundBufferFrames = outboundBufferFrames;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.callers = Objects.requireNonNull(callers, "callers");
        this.redeemTicket = Objects.requireNonNull(redeemTicket, "redeemTicket");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counts = new SessionCounts(limits.maxSessions(), limits.maxSessionsPerAddress(), limits.capLoopback());
    }

    /**
     * Maps the handler at {@value #PATH}, ahead of the functional routes. Declare it as a bean (the
     * mapping registers its URLs when the context initialises it). The handshake is admitted
     * first ({@link WebSocketAdmission}, a {@code WebHandler} that a {@code SimpleHandlerAdapter}
     * calls, which Spring's WebFlux configuration declares), then upgraded to this handler.
     */
    public static SimpleUrlHandlerMapping handlerMapping(TodoWebSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of(PATH, new WebSocketAdmission(handler, handler.callers, handler.counts, handler.redeemTicket)), MAPPING_ORDER);
    }

    /** Sessions open or being opened right now. */
    int openSessions() {
        return counts.total();
    }

    /**
     * A session admitted without a ticket (the handshake's ticket gives it a person and an end:
     * {@link #handle(WebSocketSession, PersonId, Instant)}): it hears of no list's changes.
     */
    @Override
    public Mono<Void> handle(WebSocketSession session) {
        return handle(session, null, null);
    }

    /**
     * A session of {@code person} (whose ticket opened it: it hears of that person's lists) whose
     * token expires at {@code tokenExpiresAt}: it is closed with {@link #TOKEN_EXPIRED} then (at
     * once when that has passed), unless it ended before.
     */
    Mono<Void> handle(WebSocketSession session, PersonId person, Instant tokenExpiresAt) {
        return Mono.defer(() -> {
            SessionOutbox outbox = subscribers.outbox(session, outboundBufferFrames, person);
            if (!subscribers.opened(outbox)) {
                return session.close(subscribers.goingAway() ? WebSocketSubscribers.SERVER_STOPPING : ID_TAKEN);
            }
            Mono<Void> outbound = session.send(outbox.messages());
            Disposable pinging = Flux.interval(limits.pingInterval(), limits.pingInterval())
                    .takeUntilOther(outbox.stopped())
                    .subscribe(tick -> outbox.ping());
            Disposable expiring = tokenExpiresAt == null ? () -> { }
                    : Mono.delay(positive(Duration.between(clock.instant(), tokenExpiresAt)))
                            .subscribe(tick -> outbox.close(TOKEN_EXPIRED));
            Mono<Void> inbound = session.receive()
                    // Any frame counts as a sign of life, a pong above all.
                    .timeout(limits.silenceDeadline(), Mono.fromRunnable(() -> outbox.close(SILENT)))
                    // Read the payload now: the server releases its buffer once this returns.
                    .map(TodoWebSocketHandler::understand)
                    .concatMap(message -> answer(outbox.id(), message))
                    .then();
            // Inbound ends when the client closes or the connection is lost; outbound ends when the
            // outbox is closed. Either ends the session, and the other side is cancelled.
            return Mono.firstWithSignal(inbound, outbound)
                    .doFinally(signal -> {
                        pinging.dispose();
                        expiring.dispose();
                        subscribers.ended(outbox);
                    });
        });
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private enum ClientMessage { PING, CONTROL, NOT_UNDERSTOOD }

    private static ClientMessage understand(WebSocketMessage message) {
        return switch (message.getType()) {
            case TEXT -> LiveJson.isPing(message.getPayloadAsText()) ? ClientMessage.PING : ClientMessage.NOT_UNDERSTOOD;
            case BINARY -> ClientMessage.NOT_UNDERSTOOD;
            case PING, PONG -> ClientMessage.CONTROL;
        };
    }

    private Mono<Void> answer(SubscriberId subscriber, ClientMessage message) {
        Mono<Void> answer = switch (message) {
            case PING -> answerPing.answerPing(subscriber);
            case NOT_UNDERSTOOD -> subscribers.send(subscriber, NOT_UNDERSTOOD);
            case CONTROL -> Mono.empty();
        };
        // A failed answer must not end the connection: the client pings again, or reconnects.
        return answer
                .onErrorResume(SubscriberGoneException.class, gone -> Mono.empty())
                .onErrorResume(error -> {
                    log.warn("Could not answer subscriber {}'s {}", subscriber, message, error);
                    return Mono.empty();
                });
    }
}
