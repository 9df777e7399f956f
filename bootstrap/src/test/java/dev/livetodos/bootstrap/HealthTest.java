package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.livetodos.bootstrap.local.EmbeddedDynamoDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local server's health, from the outside: Actuator on a port of its own, on loopback even
 * when the API is open to the network; readiness follows the embedded store and the stream
 * poller (DOWN soon after the store stops, UP again when it is back), liveness does not.
 */
class HealthTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext server;
    private static EmbeddedDynamoDb replacement;
    private static int apiPort;
    private static int managementPort;

    @BeforeAll
    static void start() {
        server = new SpringApplicationBuilder(LivetodosApplication.class).run(
                "--server.port=0",
                "--server.address=0.0.0.0",
                "--livetodos.data-dir=" + dataDir,
                "--livetodos.stream-poll-interval=200ms");
        apiPort = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        managementPort = Integer.parseInt(server.getEnvironment().getProperty("local.management.port"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        if (replacement != null) {
            replacement.close();
        }
    }

    @Test
    void actuatorHasItsOwnPortOnLoopbackWhileTheApiIsOpen() throws Exception {
        assertThat(managementPort).isNotEqualTo(apiPort).isPositive();
        assertThat(LoopbackByDefaultTest.listeningAddresses(managementPort)).isNotEmpty()
                .isSubsetOf(LoopbackByDefaultTest.LOOPBACK);
        assertThat(LoopbackByDefaultTest.listeningAddresses(apiPort)).isNotEmpty()
                .noneMatch(LoopbackByDefaultTest.LOOPBACK::contains);

        assertThat(get(apiPort, "/actuator/health").statusCode()).as("Actuator on the API's port").isIn(401, 403, 404);
        assertThat(get(apiPort, "/actuator/prometheus").statusCode()).isIn(401, 403, 404);
        HttpResponse<String> prometheus = get(managementPort, "/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void readinessFollowsTheStoreAndThePollerAndLivenessDoesNot() throws Exception {
        HttpResponse<String> ready = awaitReadiness(response -> response.statusCode() == 200);
        assertThat(ready.body()).contains("\"status\":\"UP\"", "\"store\"", "\"streamPoller\"");
        assertThat(get(managementPort, "/actuator/health").body()).contains("\"status\":\"UP\"");

        EmbeddedDynamoDb store = server.getBean(EmbeddedDynamoDb.class);
        int storePort = store.endpoint().getPort();
        AwsCredentials key = store.credentials().resolveCredentials();
        store.close();

        long stoppedAt = System.nanoTime();
        HttpResponse<String> down = awaitReadiness(response -> response.statusCode() == 503);
        System.out.printf("readiness DOWN %d ms after the store stopped%n", Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis());
        assertThat(down.body()).contains("\"status\":\"DOWN\"").doesNotContain("software.amazon", "Exception", "127.0.0.1");
        awaitReadiness(response -> "DOWN".equals(component(response, "streamPoller")));
        HttpResponse<String> liveness = get(managementPort, "/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");

        replacement = EmbeddedDynamoDb.start(Optional.of(dataDir), storePort, key);
        HttpResponse<String> back = awaitReadiness(response -> response.statusCode() == 200);
        assertThat(component(back, "store")).isEqualTo("UP");
        assertThat(component(back, "streamPoller")).isEqualTo("UP");
    }

    private static HttpResponse<String> awaitReadiness(Predicate<HttpResponse<String>> condition) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(get(managementPort, "/actuator/health/readiness"));
            assertThat(condition.test(last.get())).as("readiness as expected; it was %s %s", last.get().statusCode(), last.get().body())
                    .isTrue();
        });
        return last.get();
    }

    private static String component(HttpResponse<String> health, String name) {
        return JSON.readTree(health.body()).path("components").path(name).path("status").asString();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
