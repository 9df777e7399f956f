package dev.livetodos.bootstrap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client of {@code /ws}, as a browser would be: it keeps every frame it gets. */
final class LiveClient implements AutoCloseable {

    /** The server's answer to {@code {"type":"ping"}}, as the contract spells it. */
    static final String PONG = "{\"type\":\"pong\"}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private LiveClient(URI uri) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WholeFrames(this::received, closed))
                .join();
    }

    static LiveClient connect(URI uri) {
        return new LiveClient(uri);
    }

    /** Waits, up to the deadline, for a frame the condition accepts. */
    String awaitFrame(Predicate<String> condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            for (String frame : frames()) {
                if (condition.test(frame)) {
                    return frame;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + within + " no such frame came, only " + frames());
            }
            waitForFrame();
        }
    }

    static LiveClient connect(int port) {
        return new LiveClient(URI.create("ws://localhost:" + port + "/ws"));
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    List<String> frames() {
        return List.copyOf(frames);
    }

    CompletableFuture<Integer> closeCode() {
        return closed;
    }

    /** Every change received so far, in order of arrival, as parsed JSON. */
    List<JsonNode> changes() {
        List<JsonNode> changes = new ArrayList<>();
        for (String frame : frames) {
            JsonNode message = JSON.readTree(frame);
            if ("changes".equals(message.path("type").asString())) {
                message.path("changes").forEach(changes::add);
            }
        }
        return changes;
    }

    /** Waits, up to the deadline, until the changes received satisfy the condition. */
    List<JsonNode> awaitChanges(Predicate<List<JsonNode>> condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<JsonNode> changes = changes();
            if (condition.test(changes)) {
                return changes;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + within + " the changes received were only " + changes);
            }
            waitForFrame();
        }
    }

    /** Wakes when a frame arrives (or after a short while, to look at the deadline again). */
    private void waitForFrame() {
        synchronized (frames) {
            try {
                frames.wait(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static Predicate<List<JsonNode>> containsChange(String op, String id, long version) {
        return changes -> changes.stream().anyMatch(change -> op.equals(change.path("op").asString())
                && id.equals("upsert".equals(op) ? change.path("todo").path("id").asString() : change.path("id").asString())
                && version == ("upsert".equals(op) ? change.path("todo").path("version").asLong() : change.path("version").asLong()));
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed() && !closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
        socket.abort();
    }

    private void received(String frame, long receivedNanos) {
        synchronized (frames) {
            frames.add(frame);
            frames.notifyAll();
        }
    }

    static int utf8Bytes(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8).length;
    }
}
