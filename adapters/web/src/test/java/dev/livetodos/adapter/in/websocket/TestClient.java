package dev.livetodos.adapter.in.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A browser stand-in on the JDK's WebSocket client. The JDK client reads from the connection
 * only as far as it is asked to, so a client that is not reading leaves the frames in the
 * network and the server's buffers, as a stuck browser would.
 */
final class TestClient implements WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final boolean reading;
    private final Sinks.Many<String> frames = Sinks.many().replay().all();
    private final Sinks.One<Integer> closeCode = Sinks.one();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger pings = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private TestClient(boolean reading) {
        this.reading = reading;
    }

    static TestClient reading(URI uri) {
        return connect(uri, true);
    }

    /** Connects, then never reads until told to. */
    static TestClient notReading(URI uri) {
        return connect(uri, false);
    }

    private static TestClient connect(URI uri, boolean reading) {
        TestClient client = new TestClient(reading);
        HTTP.newWebSocketBuilder().buildAsync(uri, client).orTimeout(5, TimeUnit.SECONDS).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        if (reading) {
            webSocket.request(Long.MAX_VALUE);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.tryEmitNext(partial.toString());
            received.incrementAndGet();
            partial.setLength(0);
        }
        return null;
    }

    /** The JDK client answers every ping with a pong by itself, as browsers do. */
    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        pings.incrementAndGet();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.tryEmitValue(statusCode);
        frames.tryEmitComplete();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.tryEmitError(error);
        frames.tryEmitError(error);
    }

    /** Every text frame received, from the first; completes when the server closes the connection. */
    Flux<String> frames() {
        return frames.asFlux();
    }

    int pings() {
        return pings.get();
    }

    int received() {
        return received.get();
    }

    Mono<Integer> closeCode() {
        return closeCode.asMono();
    }

    void send(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    void startReading() {
        socket.request(Long.MAX_VALUE);
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** Drops the connection without a close frame, as a lost network does. */
    void abort() {
        socket.abort();
    }
}
