package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.adapter.wire.Cursors;
import dev.livetodos.domain.model.ChangeCursor;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change feed from the outside, as a page uses it: a client holds a full read and its cursor,
 * goes away while a thousand changes happen, and comes back reading only what changed; frames
 * carry each change's seq and a cursor; a write sent again under its Idempotency-Key after its
 * answer was lost is applied once. The server as its main starts it, people signed in on the real
 * local issuer, real WebSocket clients.
 */
class ChangeFeedEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ConfigurableApplicationContext server;
    private static int port;

    @BeforeAll
    static void start() {
        server = LivetodosApplication.application().run("--server.port=0", "--livetodos.in-memory=true");
        port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientAwayForAThousandChangesReadsOnlyTheDeltaAndEndsWithExactlyTheServersList() {
        SignedIn ada = SignedIn.newPerson(server);
        String list = newList(ada, "Big list");
        List<String> ids = IntStream.range(0, 1_000).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Flux.fromIterable(ids).flatMap(id -> Flux.defer(() -> Flux.just(ada.createTodo(list, id, "todo " + id))), 8).blockLast(WAIT);

        // What the page holds: a full read and its cursor.
        EntityExchangeResult<String> fullRead = ada.http().get().uri(SignedIn.todosOf(list)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        String cursor = fullRead.getResponseHeaders().getFirst("Livetodos-Cursor");
        assertThat(cursor).isNotBlank();
        Map<String, JsonNode> held = byId(JSON.readTree(fullRead.getResponseBody()));
        assertThat(held).hasSize(1_000);

        // While it is away: 300 creates, 500 updates (100 todos, five times each), 200 deletes.
        List<String> updated = ids.subList(0, 100);
        List<String> deleted = ids.subList(100, 300);
        List<String> created = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Flux.fromIterable(created).flatMap(id -> Flux.defer(() -> Flux.just(ada.createTodo(list, id, "new " + id))), 8).blockLast(WAIT);
        for (int round = 0; round < 5; round++) {
            for (List<String> batch : batches(updated, 97)) {
                int r = round;
                String body = batch.stream().map(id -> "{\"id\":\"" + id + "\",\"changes\":{\"name\":\"round " + r + "\"}}")
                        .collect(Collectors.joining(","));
                Json.put(ada.http(), SignedIn.todosOf(list), "[" + body + "]").expectStatus().isOk();
            }
        }
        for (List<String> batch : batches(deleted, 97)) {
            Json.delete(ada.http(), SignedIn.todosOf(list), "[" + batch.stream().map(Json::quote).collect(Collectors.joining(",")) + "]")
                    .expectStatus().isOk();
        }

        // Back: the feed after the cursor, page by page.
        int items = 0;
        long feedBytes = 0;
        int pages = 0;
        boolean more = true;
        long lastSeq = 0;
        while (more) {
            EntityExchangeResult<String> page = ada.http().get().uri("/api/lists/{list}/changes?after={after}", list, cursor).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult();
            feedBytes += page.getResponseBody().getBytes(StandardCharsets.UTF_8).length;
            JsonNode json = JSON.readTree(page.getResponseBody());
            for (JsonNode change : json.path("changes")) {
                assertThat(change.path("seq").asLong()).isGreaterThan(lastSeq);
                lastSeq = change.path("seq").asLong();
                apply(held, change);
                items++;
            }
            cursor = json.path("cursor").asString();
            more = json.path("more").asBoolean();
            pages++;
            assertThat(pages).as("pages of the feed").isLessThan(20);
        }

        EntityExchangeResult<String> reread = ada.http().get().uri(SignedIn.todosOf(list)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        Map<String, JsonNode> server = byId(JSON.readTree(reread.getResponseBody()));
        long fullBytes = reread.getResponseBody().getBytes(StandardCharsets.UTF_8).length;
        // 300 created, 100 updated (their last write only), 200 deleted: 600 items for 1,000 changes.
        assertThat(items).isEqualTo(600);
        assertThat(feedBytes).isLessThan(fullBytes);
        assertThat(held.keySet()).isEqualTo(server.keySet()).hasSize(1_100).doesNotContainAnyElementsOf(deleted);
        assertThat(held).isEqualTo(server);
        System.out.printf("resume after 1,000 changes: %d items, %d bytes in %d pages; full reread of %d todos: %d bytes%n",
                items, feedBytes, pages, server.size(), fullBytes);

        // Nothing more since: the feed from its last cursor is empty.
        ada.http().get().uri("/api/lists/{list}/changes?after={after}", list, cursor).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.changes.length()").isEqualTo(0)
                .jsonPath("$.more").isEqualTo(false);
    }

    @Test
    void framesCarryEachChangesSeqAndTheCursorOfTheirHighestAndEveryWriteAnswerTheListsSeq() {
        SignedIn ada = SignedIn.newPerson(server);
        String list = newList(ada, "Live list");
        LiveClient socket = ada.connectedLive();
        try {
            String id = UUID.randomUUID().toString();
            long createSeq = Json.post(ada.http(), SignedIn.todosOf(list), "{\"id\":\"" + id + "\",\"name\":\"Milk\"}")
                    .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody().path("seq").asLong();
            long deleteSeq = Json.delete(ada.http(), SignedIn.todosOf(list), "[\"" + id + "\"]")
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().path("seq").asLong();

            String deleteFrame = socket.awaitFrame(frame -> frame.contains("\"op\":\"delete\"") && frame.contains(id), WAIT);
            String createFrame = socket.frames().stream().filter(frame -> frame.contains("\"op\":\"upsert\"") && frame.contains(id))
                    .findFirst().orElseThrow();

            assertThat(createSeq).isEqualTo(1);
            assertThat(deleteSeq).isEqualTo(2);
            // One stream batch may carry both: each change is found by its op, the cursor is the frame's highest.
            assertThat(changeOf(createFrame, "upsert").path("seq").asLong()).isEqualTo(createSeq);
            JsonNode delete = JSON.readTree(deleteFrame);
            assertThat(changeOf(deleteFrame, "delete").path("seq").asLong()).isEqualTo(deleteSeq);
            assertThat(Cursors.decode(delete.path("cursor").asString())).get().extracting(ChangeCursor::seq).isEqualTo(deleteSeq);
        } finally {
            socket.close();
        }
    }

    @Test
    void aCursorOlderThanTheRetentionMustRefetch_aForgedOneIsABadRequest_andAStrangerLearnsNothing() {
        SignedIn ada = SignedIn.newPerson(server);
        SignedIn stranger = SignedIn.newPerson(server);
        String list = newList(ada, "Old list");
        String old = Cursors.encode(new ChangeCursor(0, Instant.now().minus(Duration.ofDays(8))));

        ada.http().get().uri("/api/lists/{list}/changes?after={after}", list, old).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/must-refetch");
        ada.http().get().uri("/api/lists/{list}/changes?after={after}", list, "bm90LWEtY3Vyc29y").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("after");
        stranger.http().get().uri("/api/lists/{list}/changes?after={after}", list, old).exchange()
                .expectStatus().isNotFound();
        stranger.http().get().uri("/api/lists/{list}/changes?after={after}", list,
                        Cursors.encode(new ChangeCursor(0, Instant.now()))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aWriteSentFiveTimesUnderItsKeyAfterItsAnswerWasLostIsAppliedOnceAndAnsweredTheSame() throws Exception {
        SignedIn ada = SignedIn.newPerson(server);
        String list = newList(ada, "Outbox list");
        LiveClient socket = ada.connectedLive();
        try {
            String key = UUID.randomUUID().toString();
            byte[] body = "{\"name\":\"Sent while the train went into a tunnel\"}".getBytes(StandardCharsets.UTF_8);
            // The first send: the whole request goes out, and the connection is gone before its answer.
            try (Socket dropped = new Socket()) {
                dropped.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                OutputStream out = dropped.getOutputStream();
                out.write(RawHttp.request("POST", SignedIn.todosOf(list), Map.of("Authorization", ada.authorization(),
                        "Content-Type", "application/json", "Idempotency-Key", key), body));
                out.flush();
            }
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(ada.http().post().uri(SignedIn.todosOf(list)).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                        .expectStatus().isCreated()
                        .expectBody(String.class).returnResult().getResponseBody());
            }

            JsonNode todos = JSON.readTree(ada.http().get().uri(SignedIn.todosOf(list)).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            assertThat(answers).hasSize(5).allSatisfy(answer -> assertThat(JSON.readTree(answer)).isEqualTo(JSON.readTree(answers.get(0))));
            assertThat(todos).hasSize(1);
            assertThat(todos.get(0)).isEqualTo(JSON.readTree(answers.get(0)));
            assertThat(todos.get(0).path("seq").asLong()).isEqualTo(1);

            // The same for an update: five sends, one new version.
            String id = todos.get(0).path("id").asString();
            String updateKey = UUID.randomUUID().toString();
            for (int i = 0; i < 5; i++) {
                ada.http().put().uri(SignedIn.todosOf(list)).header("Idempotency-Key", updateKey).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("[{\"id\":\"" + id + "\",\"version\":1,\"changes\":{\"status\":\"completed\"}}]").exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$[0].version").isEqualTo(2).jsonPath("$[0].seq").isEqualTo(2);
            }
            // Another write under a used key is refused and writes nothing.
            ada.http().put().uri(SignedIn.todosOf(list)).header("Idempotency-Key", updateKey).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("[{\"id\":\"" + id + "\",\"changes\":{\"name\":\"Something else\"}}]").exchange()
                    .expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/idempotency-key-reused");

            // Frames: one create and one update of the todo, before a fence written after them.
            String fence = ada.createTodo(list, UUID.randomUUID().toString(), "Fence");
            socket.awaitFrame(frame -> frame.contains(fence), WAIT);
            List<JsonNode> ofTheTodo = socket.changes().stream()
                    .filter(change -> id.equals(change.path("todo").path("id").asString())).toList();
            assertThat(ofTheTodo).extracting(change -> change.path("seq").asLong()).containsExactly(1L, 2L);
        } finally {
            socket.close();
        }
    }

    private static String newList(SignedIn person, String name) {
        return JSON.readTree(person.http().post().uri("/api/lists").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":" + Json.quote(name) + "}").exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).path("id").asString();
    }

    /** The frame's change of this op. */
    private static JsonNode changeOf(String frame, String op) {
        for (JsonNode change : JSON.readTree(frame).path("changes")) {
            if (op.equals(change.path("op").asString())) {
                return change;
            }
        }
        throw new AssertionError("no " + op + " in " + frame);
    }

    private static Map<String, JsonNode> byId(JsonNode todos) {
        Map<String, JsonNode> byId = new HashMap<>();
        todos.forEach(todo -> byId.put(todo.path("id").asString(), todo));
        return byId;
    }

    /** A change as a page applies it: only when newer than what it holds. */
    private static void apply(Map<String, JsonNode> held, JsonNode change) {
        if ("upsert".equals(change.path("op").asString())) {
            JsonNode todo = change.path("todo");
            JsonNode mine = held.get(todo.path("id").asString());
            if (mine == null || mine.path("version").asLong() < todo.path("version").asLong()) {
                held.put(todo.path("id").asString(), todo);
            }
        } else {
            JsonNode mine = held.get(change.path("id").asString());
            if (mine != null && mine.path("version").asLong() < change.path("version").asLong()) {
                held.remove(change.path("id").asString());
            }
        }
    }

    private static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            batches.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return batches;
    }
}
