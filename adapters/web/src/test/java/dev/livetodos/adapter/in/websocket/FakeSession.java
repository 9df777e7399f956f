package dev.livetodos.adapter.in.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A session without a network, for what a real server cannot stage on demand: a chosen session
 * id, or a client that takes exactly nothing. A reading session takes every frame at once.
 */
final class FakeSession implements WebSocketSession {

    private final String id;
    private final boolean reading;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Sinks.One<CloseStatus> closed = Sinks.one();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    private FakeSession(String id, boolean reading) {
        this.id = id;
        this.reading = reading;
    }

    static FakeSession reading(String id) {
        return new FakeSession(id, true);
    }

    static FakeSession notReading(String id) {
        return new FakeSession(id, false);
    }

    /** The text frames written to the client so far. */
    List<String> sent() {
        return sent;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public HandshakeInfo getHandshakeInfo() {
        throw new UnsupportedOperationException("no handshake without a network");
    }

    @Override
    public DataBufferFactory bufferFactory() {
        return DefaultDataBufferFactory.sharedInstance;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public Flux<WebSocketMessage> receive() {
        return Flux.never();
    }

    @Override
    public Mono<Void> send(Publisher<WebSocketMessage> messages) {
        return Mono.create(done -> messages.subscribe(new BaseSubscriber<WebSocketMessage>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                done.onCancel(this);
                if (reading) {
                    subscription.request(Long.MAX_VALUE);
                }
            }

            @Override
            protected void hookOnNext(WebSocketMessage message) {
                sent.add(message.getPayloadAsText());
            }

            @Override
            protected void hookOnComplete() {
                done.success();
            }

            @Override
            protected void hookOnError(Throwable error) {
                done.error(error);
            }
        }));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Mono<Void> close(CloseStatus status) {
        return Mono.fromRunnable(() -> {
            open = false;
            closed.tryEmitValue(status);
        });
    }

    @Override
    public Mono<CloseStatus> closeStatus() {
        return closed.asMono();
    }

    @Override
    public WebSocketMessage textMessage(String payload) {
        return new WebSocketMessage(WebSocketMessage.Type.TEXT, bufferFactory().wrap(payload.getBytes(UTF_8)));
    }

    @Override
    public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return new WebSocketMessage(WebSocketMessage.Type.BINARY, payloadFactory.apply(bufferFactory()));
    }

    @Override
    public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return new WebSocketMessage(WebSocketMessage.Type.PING, payloadFactory.apply(bufferFactory()));
    }

    @Override
    public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return new WebSocketMessage(WebSocketMessage.Type.PONG, payloadFactory.apply(bufferFactory()));
    }
}
