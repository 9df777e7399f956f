package dev.livetodos.adapter.out.websocket;

import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberId;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The frames waiting to be written to one session, in the order they were offered. The buffer is
 * bounded: a client that stops reading fills it, and is then closed rather than waited for.
 * The endpoint ({@code adapter.in.websocket}) opens one per session and writes its
 * {@link #messages()}; {@link WebSocketSubscribers} offers it frames.
 */
public final class SessionOutbox {

    /** 1013 "Try Again Later": the browser reconnects with backoff and refetches what it missed. */
    public static final CloseStatus TOO_SLOW = CloseStatus.SERVICE_OVERLOAD.withReason("Reading too slowly; reconnect and refetch.");

    /**
     * Stands for a ping in the queue, known by identity (no text frame is this very string), so a
     * ping waits behind the frames before it like any other and the queue stays one bounded buffer.
     */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String PING = new String("ping");

    private static final byte[] PING_PAYLOAD = {'l', 't'};

    private final SubscriberId id;
    private final PersonId person;
    private final WebSocketSession session;
    private final Sinks.Many<Queued> frames;
    private final Timer waits;
    private final Sinks.Empty<Void> stopped = Sinks.empty();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A session that hears of no list's changes (no person's ticket opened it). */
    public SessionOutbox(WebSocketSession session, int capacity) {
        this(session, capacity, null, null);
    }

    /**
     * A session of the person whose ticket opened it: it hears of that person's lists.
     *
     * @param waits where each frame's wait in the buffer is recorded, from being queued to being
     *              taken for writing to the socket (null: not recorded)
     */
    public SessionOutbox(WebSocketSession session, int capacity, PersonId person, Timer waits) {
        this.id = new SubscriberId(session.getId());
        this.person = person;
        this.session = session;
        this.waits = waits;
        // Reactor's bounded queue holds the capacity rounded up to a power of two (at least 8).
        this.frames = Sinks.many().unicast().onBackpressureBuffer(Queues.<Queued>get(capacity).get());
    }

    /** A frame (or {@link #PING}) in the buffer, and when it was queued. */
    private record Queued(String frame, long queuedNanos) {
    }

    public SubscriberId id() {
        return id;
    }

    /** Whose session this is; empty for one no ticket opened. */
    public Optional<PersonId> person() {
        return Optional.ofNullable(person);
    }

    /** What the session writes: the frames as offered, until the outbox is closed; the rest are dropped. */
    Flux<String> frames() {
        return frames.asFlux().takeUntilOther(stopped.asMono()).map(this::taken);
    }

    /** The frame is taken for writing (the socket has room): its wait ends here. */
    private String taken(Queued queued) {
        if (waits != null) {
            waits.record(System.nanoTime() - queued.queuedNanos(), TimeUnit.NANOSECONDS);
        }
        return queued.frame();
    }

    /** What the session sends: each frame as a text message and each ping as a ping, until the outbox is closed. */
    public Flux<WebSocketMessage> messages() {
        return frames().map(frame -> frame == PING
                ? session.pingMessage(buffers -> buffers.wrap(PING_PAYLOAD))
                : session.textMessage(frame));
    }

    /** Completes when the outbox is closed. */
    public Mono<Void> stopped() {
        return stopped.asMono();
    }

    /** What became of a frame offered to the session. */
    enum Offered {
        QUEUED,
        /** The buffer was full: the client stopped reading, and this offer closed the session with 1013. */
        CUT_OFF,
        /** The session is ending (or was cut off by an earlier offer). */
        ENDED
    }

    /**
     * Queues the frame without waiting for the client. When the buffer is full, the client has
     * stopped reading and the session is closed.
     */
    Offered offer(String frame) {
        Sinks.EmitResult result;
        // The sink refuses concurrent emitters (a ping's answer may race a batch); take turns.
        synchronized (this) {
            result = frames.tryEmitNext(new Queued(frame, System.nanoTime()));
        }
        if (result.isSuccess()) {
            return Offered.QUEUED;
        }
        if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            return close(TOO_SLOW) ? Offered.CUT_OFF : Offered.ENDED;
        }
        return Offered.ENDED;
    }

    /**
     * Queues a ping. A full buffer is left to the next frame (which closes the session) or to the
     * silence deadline: a ping alone does not decide that the client stopped reading.
     */
    public void ping() {
        synchronized (this) {
            frames.tryEmitNext(new Queued(PING, System.nanoTime()));
        }
    }

    /**
     * Closes the session with this status (once) and stops writing what is still buffered; true
     * when this call closed it.
     */
    public boolean close(CloseStatus status) {
        if (closed.compareAndSet(false, true)) {
            // The close frame is claimed first, so nothing else closes the session with another code.
            session.close(status).subscribe(null, alreadyGone -> { });
            stopped.tryEmitEmpty();
            return true;
        }
        return false;
    }
}
