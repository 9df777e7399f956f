package dev.livetodos.adapter.out.websocket;

import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The WebSocket sessions open on this server, each a subscriber under its session id from the
 * moment it opens until it closes or is lost, indexed by the person whose ticket opened it, so
 * the changes of a list find the sessions of its members without looking at anyone else's. Sending only queues the frame in the session's own
 * bounded buffer, so it never waits for a client; a client whose buffer is full has stopped
 * reading and is closed with 1013 (try again later) and forgotten.
 */
public final class WebSocketSubscribers implements Subscribers {

    /** 1001: a forgotten session hears of nothing more, so it must not stay open looking subscribed. */
    static final CloseStatus FORGOTTEN = CloseStatus.GOING_AWAY.withReason("No longer subscribed; reconnect and refetch.");

    /** 1001: the server is stopping; the client reconnects (with backoff) and refetches. */
    public static final CloseStatus SERVER_STOPPING = CloseStatus.GOING_AWAY.withReason("Server stopping; reconnect and refetch.");

    private final Map<SubscriberId, SessionOutbox> open = new ConcurrentHashMap<>();
    private final Map<PersonId, Set<SubscriberId>> byPerson = new ConcurrentHashMap<>();
    private volatile boolean goingAway;
    private final AtomicLong cutOffs = new AtomicLong();
    private final Timer waits;

    /** Records nothing. */
    public WebSocketSubscribers() {
        this.waits = null;
    }

    /**
     * Records in {@code meters} how long frames wait in their session's buffer before they are
     * written ({@code livetodos.subscribers.outbox.wait}): the server's own share of a change's
     * way to the browser, after it was handed to the session.
     */
    public WebSocketSubscribers(MeterRegistry meters) {
        this.waits = Timer.builder("livetodos.subscribers.outbox.wait")
                .description("From a frame queued for a live connection to its being taken for writing to the socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofMinutes(1))
                .register(meters);
    }

    /** A buffer of {@code capacity} frames for this session, of this person (null: of no one), whose waits are recorded here. */
    public SessionOutbox outbox(WebSocketSession session, int capacity, PersonId person) {
        return new SessionOutbox(session, capacity, person, waits);
    }

    /** How many sessions are open and subscribed now. */
    public int openCount() {
        return open.size();
    }

    /** Sessions closed since start for reading too slowly (their buffer full, 1013). */
    public long cutOffs() {
        return cutOffs.get();
    }

    /** Every open session, whoever's it is (the stream poller waits for a first one). */
    public Flux<SubscriberId> all() {
        return Flux.defer(() -> Flux.fromIterable(List.copyOf(open.keySet())));
    }

    @Override
    public Flux<SubscriberId> of(PersonId person) {
        return Flux.defer(() -> Flux.fromIterable(List.copyOf(byPerson.getOrDefault(person, Set.of())))
                .filter(open::containsKey));
    }

    /**
     * Completes as soon as the frame is queued. Fails with {@link SubscriberGoneException} when the
     * session is unknown or ending, or when its buffer is full (the session is then closed).
     */
    @Override
    public Mono<Void> send(SubscriberId subscriber, String frame) {
        return Mono.defer(() -> {
            SessionOutbox outbox = open.get(subscriber);
            if (outbox == null) {
                return Mono.error(new SubscriberGoneException(subscriber));
            }
            SessionOutbox.Offered offered = outbox.offer(frame);
            if (offered == SessionOutbox.Offered.QUEUED) {
                return Mono.empty();
            }
            if (offered == SessionOutbox.Offered.CUT_OFF) {
                cutOffs.incrementAndGet();
            }
            remove(outbox);
            return Mono.error(new SubscriberGoneException(subscriber));
        });
    }

    /** Forgets the subscriber; a session still open is closed with 1001, as it would hear nothing more. */
    @Override
    public Mono<Void> forget(SubscriberId subscriber) {
        return Mono.fromRunnable(() -> {
            SessionOutbox outbox = open.get(subscriber);
            if (outbox != null && remove(outbox)) {
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
        List.copyOf(open.values()).forEach(outbox -> {
            outbox.close(SERVER_STOPPING);
            remove(outbox);
        });
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
        outbox.person().ifPresent(person -> byPerson.compute(person, (any, sessions) -> {
            Set<SubscriberId> held = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            held.add(outbox.id());
            return held;
        }));
        if (goingAway) { // went away while this one was being added
            remove(outbox);
            return false;
        }
        return true;
    }

    /** The session ended (closed, lost or never subscribed): it is no longer a subscriber. */
    public void ended(SessionOutbox outbox) {
        remove(outbox);
    }

    /** Takes the session out of both indexes; false when it was not (or no longer) open. */
    private boolean remove(SessionOutbox outbox) {
        if (!open.remove(outbox.id(), outbox)) {
            return false;
        }
        outbox.person().ifPresent(person -> byPerson.computeIfPresent(person, (any, sessions) -> {
            sessions.remove(outbox.id());
            return sessions.isEmpty() ? null : sessions;
        }));
        return true;
    }
}
