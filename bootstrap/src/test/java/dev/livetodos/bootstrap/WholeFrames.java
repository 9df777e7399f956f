package dev.livetodos.bootstrap;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A JDK WebSocket listener that reads as fast as it can and hands on each text frame once its
 * last part is in, with the {@code System.nanoTime()} it arrived at; it completes {@code closed}
 * with the close code (or the error) when the connection ends.
 */
public final class WholeFrames implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();
    private final BiConsumer<String, Long> onFrame;
    private final CompletableFuture<Integer> closed;

    public WholeFrames(BiConsumer<String, Long> onFrame, CompletableFuture<Integer> closed) {
        this.onFrame = onFrame;
        this.closed = closed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long receivedNanos = System.nanoTime();
            String frame = partial.toString();
            partial.setLength(0);
            onFrame.accept(frame, receivedNanos);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
