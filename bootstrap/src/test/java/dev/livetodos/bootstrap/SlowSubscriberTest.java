package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.livetodos.adapter.out.websocket.WebSocketSubscribers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A subscriber that stops reading is cut off instead of slowing the others or growing the
 * server's memory, end to end: a raw WebSocket that never reads after its handshake, next to a
 * browser-like client that keeps up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livetodos.in-memory=true", "livetodos.websocket-buffer-frames=16", "livetodos.websocket-write-timeout=2s",
        // Cut off for not reading, not closed for its silence (it answers no ping) on a busy machine.
        "livetodos.websocket-silence-deadline=10m", "livetodos.http-read-timeout=10m"})
class SlowSubscriberTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * Filling the kernel's and Netty's buffers before the server's own is full takes a few
     * megabytes; on a machine busy with other work that may take minutes.
     */
    private static final Duration FILLING = Duration.ofMinutes(4);

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private WebSocketSubscribers subscribers;

    @Autowired
    private Environment environment;

    @Test
    void aClientThatStopsReadingIsCutOffWhileAnotherGetsEveryChange() throws Exception {
        SignedIn person = SignedIn.newPerson(environment);
        WebTestClient http = person.http();
        try (LiveClient keepingUp = person.connect(); Socket stuck = StuckSocket.handshakeThenNeverRead(port, person.ticket())) {
            awaitSubscribers(2);
            List<String> written = new ArrayList<>();

            long deadline = System.nanoTime() + FILLING.toNanos();
            while (count() > 1 && System.nanoTime() < deadline) {
                List<String> ids = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID().toString()).toList();
                Json.createAll(http, person.todos(), ids, id -> "{\"id\":\"" + id + "\",\"name\":\"" + "x".repeat(400) + "\"}",
                        20, Duration.ofSeconds(30));
                written.addAll(ids);
            }

            assertThat(count()).as("subscribers left").isEqualTo(1);
            keepingUp.awaitChanges(received -> written.stream()
                    .allMatch(id -> LiveClient.containsChange("upsert", id, 1).test(received)), PATIENCE);
            // Once it is cut off, the server still holds its unsent frames and the close frame
            // behind them until the write timeout drops the connection. Whether this client, reading
            // now, still drains the close frame or finds the connection already dropped depends on
            // how busy the machine is; either way the server ends the connection.
            assertThat(streamEnds(stuck)).as("the server ended the stuck client's connection").isTrue();
        }
    }

    private long count() {
        return subscribers.all().count().block(Duration.ofSeconds(5));
    }

    private void awaitSubscribers(int expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> assertThat(count()).as("subscribers").isEqualTo(expected));
    }

    /** Reads whatever comes to the end of the stream: true when the server ended it within the patience. */
    private static boolean streamEnds(Socket socket) throws IOException {
        socket.setSoTimeout((int) PATIENCE.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // frames still buffered for it, a close frame perhaps: none of it matters here
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
