package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.livetodos.adapter.wire.Cursors;
import dev.livetodos.domain.model.ChangeCursor;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * After a short scripted session (sign in, live connections, writes, a replay, an old cursor, a
 * client that stops reading, an unreadable item), the local Prometheus endpoint shows every
 * meter of the server's own with a value above zero, besides Spring's HTTP server meters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // A long write timeout and silence deadline, so the stuck client is cut off by its full
        // buffer (1013), which the next publish finds and prunes, rather than dropped first by the
        // timeout or closed for never answering a ping (on a busy machine filling it takes a while).
        "livetodos.in-memory=true", "livetodos.websocket-buffer-frames=16", "livetodos.websocket-write-timeout=120s",
        "livetodos.websocket-silence-deadline=10m", "livetodos.http-read-timeout=10m"})
// Spring Boot's tests turn metrics export (Prometheus's endpoint with it) off unless asked.
@AutoConfigureMetrics
class MetricsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * Filling the kernel's and Netty's buffers before the server's own is full takes a few
     * megabytes; on a machine busy with other work that may take minutes.
     */
    private static final Duration FILLING = Duration.ofMinutes(4);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Prometheus names (the registry adds the unit and {@code _total}/{@code _count}) and what makes them move. */
    private static final List<String> METERS = List.of(
            "http_server_requests_seconds_count",
            "livetodos_store_calls_seconds_count",
            "livetodos_stream_lag_seconds_count",
            "livetodos_fanout_duration_seconds_count",
            "livetodos_fanout_deliveries_subscribers_sum",
            "livetodos_subscribers_open",
            "livetodos_subscribers_cutoffs_total",
            "livetodos_subscribers_pruned_total",
            "livetodos_stream_skipped_total",
            "livetodos_writes_replayed_total",
            "livetodos_feed_must_refetch_total");

    @Value("${local.server.port}")
    private int port;

    @Value("${local.management.port}")
    private int managementPort;

    @Autowired
    private Environment environment;

    @Autowired
    private DynamoDbAsyncClient dynamoDb;

    @Autowired
    private StoreConnection store;

    @Test
    void prometheusShowsEveryMeterAfterAShortSession() throws Exception {
        SignedIn person = SignedIn.newPerson(environment);
        WebTestClient http = person.http();
        try (LiveClient keepingUp = person.connect(); Socket stuck = StuckSocket.handshakeThenNeverRead(port, person.ticket())) {
            String first = UUID.randomUUID().toString();
            String body = "{\"id\":\"" + first + "\",\"name\":\"Measured\"}";
            http.post().uri(person.todos()).header("Idempotency-Key", "metrics-1")
                    .header("Content-Type", "application/json").bodyValue(body).exchange().expectStatus().isCreated();
            // Sent again under its key (its answer lost, say): answered the same, written once.
            http.post().uri(person.todos()).header("Idempotency-Key", "metrics-1")
                    .header("Content-Type", "application/json").bodyValue(body).exchange().expectStatus().isCreated();
            keepingUp.awaitChanges(LiveClient.containsChange("upsert", first, 1), PATIENCE);

            // A cursor from long before deletes' tombstones are kept: the client must refetch.
            String longAgo = Cursors.encode(new ChangeCursor(1, Instant.now().minus(Duration.ofDays(30))));
            http.get().uri("/api/lists/{list}/changes?after={cursor}", person.listId(), longAgo).exchange()
                    .expectStatus().isEqualTo(409);

            // An item no change can be read from, as a bad hand-edit of the table would leave.
            dynamoDb.putItem(request -> request.tableName(store.tableName()).item(Map.of(
                    "pk", AttributeValue.fromS("LIST#metrics-unreadable"), "sk", AttributeValue.fromS("TODO#bad"),
                    "id", AttributeValue.fromS("bad"), "name", AttributeValue.fromS("Bad"),
                    "status", AttributeValue.fromS("bogus"), "version", AttributeValue.fromN("1")))).join();

            writeUntilTheStuckClientIsCutOffAndPruned(person, http);
            // The stream's meters follow the writes by a poll.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(meters(scrape()))
                    .as("meters after the session").allSatisfy((name, value) -> assertThat(value).as(name).isPositive()));
            System.out.println("meters after the session: " + meters(scrape()));
        }
    }

    /**
     * Renames a full batch of long-named todos again and again, each round one large frame, until
     * the stuck client's buffers (the kernel's, Netty's, then its own 16 frames) are full and the
     * next publish finds it cut off and prunes it.
     */
    private void writeUntilTheStuckClientIsCutOffAndPruned(SignedIn person, WebTestClient http) throws Exception {
        List<String> ids = IntStream.range(0, 97).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Json.createAll(http, person.todos(), ids, id -> "{\"id\":\"" + id + "\",\"name\":\"New\"}", 16, Duration.ofSeconds(60));
        long deadline = System.nanoTime() + FILLING.toNanos();
        for (int round = 0; value(scrape(), "livetodos_subscribers_pruned_total") == 0 && System.nanoTime() < deadline; round++) {
            String name = (round + "-").repeat(500).substring(0, 500);
            String batch = ids.stream().map(id -> "{\"id\":\"" + id + "\",\"changes\":{\"name\":\"" + name + "\"}}")
                    .collect(java.util.stream.Collectors.joining(",", "[", "]"));
            Json.put(http, person.todos(), batch).expectStatus().isOk();
        }
    }

    private static Map<String, Double> meters(String scraped) {
        Map<String, Double> seen = new LinkedHashMap<>();
        for (String meter : METERS) {
            seen.put(meter, value(scraped, meter));
        }
        return seen;
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sum over a meter's series (every tag combination) in Prometheus's text format. */
    private static double value(String scraped, String meter) {
        return scraped.lines()
                .filter(line -> line.startsWith(meter + "{") || line.startsWith(meter + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
