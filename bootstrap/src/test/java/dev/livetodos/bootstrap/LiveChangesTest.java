package dev.livetodos.bootstrap;

import static dev.livetodos.bootstrap.LiveClient.containsChange;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.adapter.wire.JsonChangeFrames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

/**
 * Live changes end to end, locally: HTTP writes go into DynamoDB Local, come out of its stream
 * through the poller and the stream handler, and reach real WebSocket clients on {@code /ws}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livetodos.in-memory=true")
class LiveChangesTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private DynamoDbAsyncClient dynamoDb;

    @Autowired
    private StoreConnection store;

    @Autowired
    private Environment environment;

    /** One signed-in person for the whole class: signing up costs a password hash. */
    private static SignedIn person;

    private WebTestClient http;
    private String todos;
    private final List<LiveClient> clients = new ArrayList<>();

    @BeforeEach
    void client() {
        if (person == null) {
            person = SignedIn.newPerson(environment);
        }
        http = person.http();
        todos = person.todos();
    }

    @AfterEach
    void disconnect() {
        clients.forEach(LiveClient::close);
    }

    @Test
    void twoClientsBothSeeAnInsertAnUpdateAndADelete() {
        LiveClient alice = connect();
        LiveClient bob = connect();
        String id = UUID.randomUUID().toString();

        Json.post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"Shared errand\"}").expectStatus().isCreated();
        Json.put(http, todos, "[{\"id\":\"" + id + "\",\"changes\":{\"status\":\"completed\"},\"version\":1}]").expectStatus().isOk();
        Json.delete(http, todos, "[\"" + id + "\"]").expectStatus().isOk();

        for (LiveClient client : List.of(alice, bob)) {
            List<JsonNode> changes = client.awaitChanges(containsChange("delete", id, 3), SOON);
            List<JsonNode> mine = changes.stream().filter(change -> about(change, id)).toList();
            assertThat(mine).hasSize(3);
            assertThat(mine.get(0).path("op").asString()).isEqualTo("upsert");
            assertThat(mine.get(0).path("todo").path("name").asString()).isEqualTo("Shared errand");
            assertThat(mine.get(0).path("todo").path("version").asLong()).isEqualTo(1);
            assertThat(mine.get(1).path("todo").path("status").asString()).isEqualTo("completed");
            assertThat(mine.get(1).path("todo").path("version").asLong()).isEqualTo(2);
            assertThat(mine.get(2).path("op").asString()).isEqualTo("delete");
            assertThat(mine.get(2).path("version").asLong()).isEqualTo(3);
        }
    }

    @Test
    void aDeletedAndRecreatedTodoArrivesInVersionOrderSoEveryPageAppliesTheNewOne() {
        LiveClient client = connect();
        String id = UUID.randomUUID().toString();

        Json.post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"First life\"}").expectStatus().isCreated();
        Json.delete(http, todos, "[\"" + id + "\"]").expectStatus().isOk();
        Json.post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"Second life\"}").expectStatus().isCreated();

        List<JsonNode> changes = client.awaitChanges(containsChange("upsert", id, 3), SOON);
        List<JsonNode> mine = changes.stream().filter(change -> about(change, id)).toList();
        assertThat(mine).extracting(change -> change.path("op").asString() + " "
                        + (change.has("todo") ? change.path("todo").path("version") : change.path("version")).asLong())
                .containsExactly("upsert 1", "delete 2", "upsert 3");
        assertThat(mine.get(2).path("todo").path("name").asString()).isEqualTo("Second life");
    }

    @Test
    void givenACorruptItemInTheStream_thenTheChangesAroundItStillArrive() {
        LiveClient client = connect();
        String before = UUID.randomUUID().toString();
        String corrupt = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        Map<String, AttributeValue> key = Map.of(
                "pk", AttributeValue.fromS("LIST#" + person.listId()), "sk", AttributeValue.fromS("TODO#" + corrupt));

        Json.post(http, todos, "{\"id\":\"" + before + "\",\"name\":\"Before the corrupt one\"}").expectStatus().isCreated();
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.putAll(Map.of("id", AttributeValue.fromS(corrupt), "status", AttributeValue.fromS("bogus"),
                "version", AttributeValue.fromN("1")));
        dynamoDb.putItem(request -> request.tableName(store.tableName()).item(item)).join();
        Json.post(http, todos, "{\"id\":\"" + after + "\",\"name\":\"After the corrupt one\"}").expectStatus().isCreated();
        try {
            List<JsonNode> changes = client.awaitChanges(containsChange("upsert", after, 1), SOON);

            assertThat(changes.stream().filter(change -> about(change, before))).isNotEmpty();
            assertThat(changes.stream().filter(change -> about(change, corrupt))).isEmpty();
        } finally {
            dynamoDb.deleteItem(request -> request.tableName(store.tableName()).key(key)).join();
        }
    }

    @Test
    void eachTodosChangesArriveInVersionOrderAcrossABurstOfBatchUpdates() {
        LiveClient client = connect();
        List<String> ids = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ids.forEach(id -> Json.post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"Burst " + id + "\"}").expectStatus().isCreated());

        for (int round = 0; round < 20; round++) {
            String status = round % 2 == 0 ? "completed" : "pending";
            String batch = ids.stream()
                    .map(id -> "{\"id\":\"" + id + "\",\"changes\":{\"status\":\"" + status + "\"}}")
                    .collect(Collectors.joining(",", "[", "]"));
            Json.put(http, todos, batch).expectStatus().isOk();
        }

        List<JsonNode> changes = client.awaitChanges(
                received -> ids.stream().allMatch(id -> containsChange("upsert", id, 21).test(received)), SOON);
        Map<String, List<Long>> versions = new HashMap<>();
        changes.stream().filter(change -> ids.contains(change.path("todo").path("id").asString()))
                .forEach(change -> versions.computeIfAbsent(change.path("todo").path("id").asString(), k -> new ArrayList<>())
                        .add(change.path("todo").path("version").asLong()));
        assertThat(versions).hasSize(10);
        versions.values().forEach(seen -> assertThat(seen).isSortedAccordingTo(Long::compare).contains(21L));
    }

    @Test
    void aBurstOfThreeHundredCreatesArrivesCompleteInFramesUnder32Kb() {
        LiveClient client = connect();
        String longName = "Ünïcødé ✓ ".repeat(45);
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString()).toList();

        Flux.fromIterable(ids)
                .flatMap(id -> Mono.fromRunnable(() -> Json.post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"" + longName + "\"}")
                        .expectStatus().isCreated()).subscribeOn(Schedulers.boundedElastic()), 16)
                .blockLast(Duration.ofSeconds(60));

        client.awaitChanges(received -> ids.stream().allMatch(id -> containsChange("upsert", id, 1).test(received)), SOON);
        assertThat(client.frames()).allSatisfy(frame ->
                assertThat(LiveClient.utf8Bytes(frame)).isLessThan(32 * 1024).isLessThanOrEqualTo(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES));
    }

    @Test
    void aPingIsAnsweredWithAPong() {
        LiveClient client = connect();

        client.send("{\"type\":\"ping\"}");

        long deadline = System.nanoTime() + SOON.toNanos();
        while (!client.frames().contains(LiveClient.PONG) && System.nanoTime() < deadline) {
            client.awaitChanges(changes -> true, Duration.ofMillis(50));
        }
        assertThat(client.frames()).contains(LiveClient.PONG);
    }

    private LiveClient connect() {
        LiveClient client = person.connect();
        clients.add(client);
        return client;
    }

    private static boolean about(JsonNode change, String id) {
        return id.equals(change.path("todo").path("id").asString()) || id.equals(change.path("id").asString());
    }
}
