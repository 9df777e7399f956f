package dev.livetodos.bootstrap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A WebSocket client of {@code /ws} that notes, with {@link System#nanoTime()}, when each text
 * frame has fully arrived, and hands it on at once, so that many clients can report into one
 * inbox and the time taken to look at a frame never counts as delivery time.
 */
final class TimedLiveClient implements AutoCloseable {

    /** One text frame as it arrived at one client. */
    record TimedFrame(TimedLiveClient client, long receivedNanos, String text) {
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final int number;
    private final Consumer<TimedFrame> arrivals;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile CompletableFuture<Void> pong = new CompletableFuture<>();
    private volatile WebSocket socket;

    private TimedLiveClient(int number, Consumer<TimedFrame> arrivals) {
        this.number = number;
        this.arrivals = arrivals;
    }

    /**
     * Opens a connection; several clients may share one {@link HttpClient}.
     *
     * @param number   how the test tells this client from the others
     * @param arrivals gets every text frame but pongs, on the client's receiving thread; it must be quick
     */
    static CompletableFuture<TimedLiveClient> connect(HttpClient http, URI live, int number, Consumer<TimedFrame> arrivals) {
        TimedLiveClient client = new TimedLiveClient(number, arrivals);
        return http.newWebSocketBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(live, new WholeFrames(client::received, client.closed))
                .thenApply(socket -> {
                    client.socket = socket;
                    return client;
                });
    }

    int number() {
        return number;
    }

    /**
     * Sends {@code {"type":"ping"}}; completes when the pong comes back, which proves the server
     * holds this session as a subscriber, and fails when the connection closes first.
     */
    CompletableFuture<Void> ping() {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        pong = answered;
        closed.whenComplete((code, error) -> answered.completeExceptionally(
                new IllegalStateException("closed before the pong, with " + (error != null ? error : code))));
        socket.sendText("{\"type\":\"ping\"}", true)
                .whenComplete((sent, error) -> {
                    if (error != null) {
                        answered.completeExceptionally(error);
                    }
                });
        return answered;
    }

    CompletableFuture<Integer> closeCode() {
        return closed;
    }

    @Override
    public void close() {
        WebSocket open = socket;
        if (open == null) {
            return;
        }
        try {
            if (!open.isOutputClosed()) {
                open.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception closingFailed) {
            // The connection is torn down below either way.
            if (closingFailed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            open.abort();
        }
    }

    /** A frame counts as received once its last part is in. */
    private void received(String frame, long receivedNanos) {
        if (LiveClient.PONG.equals(frame)) {
            pong.complete(null);
        } else {
            arrivals.accept(new TimedFrame(this, receivedNanos, frame));
        }
    }
}
