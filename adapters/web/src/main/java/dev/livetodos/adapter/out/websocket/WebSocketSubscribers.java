package dev.livetodos.adapter.out.websocket;

import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The WebSocket sessions open on this server, each a subscriber under its session id from the
 * moment it opens until it closes or is lost. Sending only queues the frame in the session's own
 * bounded buffer, so it never waits for a client; a client whose buffer is full has stopped
 * reading and is closed with 1013 (try again later) and forgotten.
 */
public final class WebSocketSubscribers implements Subscribers {

    /** 1001: a forgotten session hears of nothing more, so it must not stay open looking subscribed. */
    static final CloseStatus FORGOTTEN = CloseStatus.GOING_AWAY.withReason("No longer subscribed; reconnect and refetch.");

    /** 1001: the server is stopping; the client reconnects (with backoff) and refetches. */
    public static final CloseStatus SERVER_STOPPING = CloseStatus.GOING_AWAY.withReason("Server stopping; reconnect and refetch.");

    private final Map<SubscriberId, SessionOutbox> open = new ConcurrentHashMap<>();
    private volatile boolean goingAway;

    @Override
    public Flux<SubscriberId> all() {
        return Flux.defer(() -> Flux.fromIterable(List.copyOf(open.keySet())));
    }

    /**
     * Completes as soon as the frame is queued. Fails with {@link SubscriberGoneException} when the
     * session is unknown or ending, or when its buffer is full (the session is then closed).
     */
    @Override
    public Mono<Void> send(SubscriberId subscriber, String frame) {
        return Mono.defer(() -> {
            SessionOutbox outbox = open.get(subscriber);
            if (outbox != null && outbox.offer(frame)) {
                return Mono.empty();
            }
            if (outbox != null) {
                open.remove(subscriber, outbox);
            }
            return Mono.error(new SubscriberGoneException(subscriber));
        });
    }

    /** Forgets the subscriber; a session still open is closed with 1001, as it would hear nothing more. */
    @Override
    public Mono<Void> forget(SubscriberId subscriber) {
        return Mono.fromRunnable(() -> {
            SessionOutbox outbox = open.remove(subscriber);
            if (outbox != null) {
                outbox.close(FORGOTTEN);
            }
        });
    }

    /**
     * The server is stopping: every open session is closed with 1001 now, and sessions that open
     * from here on are turned away the same way. Open WebSockets would otherwise hold a graceful
     * shutdown for its whole timeout, as they never finish on their own.
     */
    public void goAway() {
        goingAway = true;
        open.values().forEach(outbox -> outbox.close(SERVER_STOPPING));
        open.clear();
    }

    /** Sessions are welcome again: the server has started (again, after a stop) and serves them. */
    public void welcome() {
        goingAway = false;
    }

    /** Whether the server is stopping, so sessions that open now are turned away. */
    public boolean goingAway() {
        return goingAway;
    }

    /**
     * False when the server is going away or another open session already has this id; the
     * newcomer is then not subscribed.
     */
    public boolean opened(SessionOutbox outbox) {
        if (goingAway || open.putIfAbsent(outbox.id(), outbox) != null) {
            return false;
        }
        if (goingAway) { // went away while this one was being added
            open.remove(outbox.id(), outbox);
            return false;
        }
        return true;
    }

    /** The session ended (closed, lost or never subscribed): it is no longer a subscriber. */
    public void ended(SessionOutbox outbox) {
        open.remove(outbox.id(), outbox);
    }
}
