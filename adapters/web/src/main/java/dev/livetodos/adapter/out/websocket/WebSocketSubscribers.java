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

    private final Map<SubscriberId, SessionOutbox> open = new ConcurrentHashMap<>();

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

    /** False when another open session already has this id; the newcomer is then not subscribed. */
    boolean opened(SessionOutbox outbox) {
        return open.putIfAbsent(outbox.id(), outbox) == null;
    }

    void ended(SessionOutbox outbox) {
        open.remove(outbox.id(), outbox);
    }
}
