package dev.livetodos.bootstrap;

import static dev.livetodos.bootstrap.Json.delete;
import static dev.livetodos.bootstrap.Json.post;
import static dev.livetodos.bootstrap.Json.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The HTTP contract, row by row, against the real server: WebFlux on Netty, the core, and the
 * embedded DynamoDB Local. BlockHound watches every request (see {@link LivetodosBlockHoundIntegration}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livetodos.in-memory=true")
class TodoApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

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

    @BeforeEach
    void client() {
        if (person == null) {
            person = SignedIn.newPerson(environment);
        }
        http = person.http();
        todos = person.todos();
    }

    // --- POST /api/todos

    @Test
    void createsATodoWithVersionOneAndItsLocation() {
        String id = newId();

        post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"  Buy milk  \"}")
                .expectStatus().isCreated()
                .expectHeader().location(todos + "/" + id)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.name").isEqualTo("Buy milk")
                .jsonPath("$.status").isEqualTo("pending")
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.createdAt").value(matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"))
                .jsonPath("$.updatedAt").value(matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));

        http.get().uri(todos + "/" + id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Buy milk").jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void givenNoId_thenTheServerChoosesAUuid() {
        Map<?, ?> created = post(http, todos, "{\"name\":\"No id given\",\"status\":\"completed\"}")
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat((String) created.get("id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(created.get("status")).isEqualTo("completed");
    }

    @Test
    void givenTheSameIdAndContentAgain_thenTheRetryGetsTheStoredTodoWith200() {
        String id = newId();
        String body = "{\"id\":\"" + id + "\",\"name\":\"Retry me\"}";
        Map<?, ?> first = post(http, todos, body).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

        Map<?, ?> again = post(http, todos, body).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(again).isEqualTo(first);
    }

    @Test
    void givenTheIdIsTakenByOtherContent_thenConflictAndNothingIsWritten() {
        String id = newId();
        post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"Original\"}").expectStatus().isCreated();

        post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"Impostor\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.conflicts[0].id").isEqualTo(id)
                .jsonPath("$.conflicts[0].currentVersion").isEqualTo(1);

        http.get().uri(todos + "/" + id).exchange().expectBody().jsonPath("$.name").isEqualTo("Original");
    }

    @Test
    void givenBadFields_thenEveryOneIsNamedAndNothingIsWritten() {
        String id = "not a valid id!";

        post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"   \",\"status\":\"done\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").exists()
                .jsonPath("$.title").exists()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").exists()
                .jsonPath("$.errors[?(@.field == 'id')]").exists()
                .jsonPath("$.errors[?(@.field == 'name')]").exists()
                .jsonPath("$.errors[?(@.field == 'status')]").exists();

        assertListDoesNotContainName("   ");
    }

    @Test
    void acceptsFiveHundredCharactersAndRejectsFiveHundredAndOne() {
        post(http, todos, "{\"name\":\"" + "a".repeat(500) + "\"}").expectStatus().isCreated();

        post(http, todos, "{\"name\":\"" + "b".repeat(501) + "\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        assertListDoesNotContainName("b".repeat(501));
    }

    @Test
    void rejectsUnknownFields() {
        post(http, todos, "{\"name\":\"Sneaky\",\"owner\":\"mallory\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("owner");
        assertListDoesNotContainName("Sneaky");
    }

    @Test
    void rejectsMalformedJson() {
        post(http, todos, "{\"name\": \"unterminated")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("tools.jackson", "Exception", "dev.livetodos"));
    }

    @Test
    void rejectsAnythingButJson() {
        http.post().uri(todos).contentType(MediaType.TEXT_PLAIN).bodyValue("name=Plain")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(PROBLEM_JSON);
        assertListDoesNotContainName("Plain");
    }

    @Test
    void rejectsBodiesOverSixtyFourKibibytes() {
        String huge = "{\"name\":\"" + "x".repeat(70_000) + "\"}";

        post(http, todos, huge)
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(PROBLEM_JSON);
    }

    // --- GET

    @Test
    void listsEveryTodoOldestFirst() {
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> newId()).toList();
        ids.forEach(id -> post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"In order " + id + "\"}").expectStatus().isCreated());

        List<Map<String, Object>> listed = listAll();

        List<String> listedIds = listed.stream().map(t -> (String) t.get("id")).filter(ids::contains).toList();
        assertThat(listedIds).containsExactlyElementsOf(ids);
        List<String> createdAts = listed.stream().map(t -> (String) t.get("createdAt")).toList();
        assertThat(createdAts).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void givenACorruptStoredItem_thenTheListStillAnswersEveryOtherTodo() {
        String kept = created("Next to a corrupt item");
        String corrupt = newId();
        // What no write of this server makes: a status it does not know and no timestamps.
        dynamoDb.putItem(request -> request.tableName(store.tableName()).item(Map.of(
                "pk", AttributeValue.fromS("LIST#" + person.listId()), "sk", AttributeValue.fromS("TODO#" + corrupt),
                "id", AttributeValue.fromS(corrupt), "name", AttributeValue.fromS("Corrupt"),
                "status", AttributeValue.fromS("bogus"), "version", AttributeValue.fromN("1")))).join();
        try {
            List<Map<String, Object>> listed = listAll();

            assertThat(listed).extracting(t -> t.get("id")).contains(kept).doesNotContain(corrupt);
            http.get().uri(todos + "/" + corrupt).exchange()
                    .expectStatus().is5xxServerError()
                    .expectHeader().contentType(PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("bogus"));
            post(http, todos, "{\"id\":\"" + corrupt + "\",\"name\":\"Overwrite it\"}").expectStatus().is5xxServerError();
            put(http, todos, "[{\"id\":\"" + corrupt + "\",\"changes\":{\"name\":\"Overwrite it\"}}]").expectStatus().is5xxServerError();
            assertThat(dynamoDb.getItem(request -> request.tableName(store.tableName()).key(Map.of(
                    "pk", AttributeValue.fromS("LIST#" + person.listId()), "sk", AttributeValue.fromS("TODO#" + corrupt)))).join()
                    .item().get("status").s()).isEqualTo("bogus");
        } finally {
            dynamoDb.deleteItem(request -> request.tableName(store.tableName()).key(Map.of(
                    "pk", AttributeValue.fromS("LIST#" + person.listId()), "sk", AttributeValue.fromS("TODO#" + corrupt)))).join();
        }
    }

    @Test
    void givenADeletedId_thenCreatingItAgainContinuesItsVersions() {
        String id = created("Deleted and made again");
        delete(http, todos, "[\"" + id + "\"]").expectStatus().isOk();
        http.get().uri(todos + "/" + id).exchange().expectStatus().isNotFound();
        assertThat(listAll()).extracting(t -> t.get("id")).doesNotContain(id);

        post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"Deleted and made again\"}")
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.version").isEqualTo(3);

        http.get().uri(todos + "/" + id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(3);
        delete(http, todos, "[\"" + id + "\",\"" + newId() + "\"]").expectStatus().isOk()
                .expectBody().jsonPath("$.deleted[0]").isEqualTo(id);
        post(http, todos, "{\"id\":\"" + id + "\",\"name\":\"Third life\"}")
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.version").isEqualTo(5);
    }

    @Test
    void unknownTodoIs404Problem() {
        http.get().uri(todos + "/" + newId()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void unknownPathIs404Problem() {
        http.get().uri("/api/nothing-here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(PROBLEM_JSON);
    }

    // --- PUT /api/todos

    @Test
    void updatesABatchInRequestOrderOneVersionUp() {
        String first = created("First");
        String second = created("Second");

        put(http, todos, "[{\"id\":\"" + second + "\",\"changes\":{\"status\":\"completed\"},\"version\":1},"
                + "{\"id\":\"" + first + "\",\"changes\":{\"name\":\"First, renamed\"}}]")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].id").isEqualTo(second)
                .jsonPath("$[0].status").isEqualTo("completed")
                .jsonPath("$[0].version").isEqualTo(2)
                .jsonPath("$[1].id").isEqualTo(first)
                .jsonPath("$[1].name").isEqualTo("First, renamed")
                .jsonPath("$[1].version").isEqualTo(2);
    }

    @Test
    void givenAStaleVersion_thenConflictNamesItAndNothingIsWritten() {
        String fresh = created("Fresh");
        String stale = created("Stale");
        put(http, todos, "[{\"id\":\"" + stale + "\",\"changes\":{\"name\":\"Moved on\"}}]").expectStatus().isOk();

        put(http, todos, "[{\"id\":\"" + fresh + "\",\"changes\":{\"status\":\"completed\"},\"version\":1},"
                + "{\"id\":\"" + stale + "\",\"changes\":{\"status\":\"completed\"},\"version\":1}]")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.conflicts.length()").isEqualTo(1)
                .jsonPath("$.conflicts[0].id").isEqualTo(stale)
                .jsonPath("$.conflicts[0].currentVersion").isEqualTo(2);

        http.get().uri(todos + "/" + fresh).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("pending").jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void givenAMissingId_then404AndNothingIsWritten() {
        String existing = created("Exists");
        String missing = newId();

        put(http, todos, "[{\"id\":\"" + existing + "\",\"changes\":{\"status\":\"completed\"}},"
                + "{\"id\":\"" + missing + "\",\"changes\":{\"status\":\"completed\"}}]")
                .expectStatus().isNotFound()
                .expectHeader().contentType(PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(missing));

        http.get().uri(todos + "/" + existing).exchange().expectBody().jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void rejectsDuplicateIdsEmptyAndOversizedBatches() {
        String id = created("Once");

        put(http, todos, "[{\"id\":\"" + id + "\",\"changes\":{\"status\":\"completed\"}},"
                + "{\"id\":\"" + id + "\",\"changes\":{\"name\":\"Twice\"}}]")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("[1]");
        put(http, todos, "[]").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("$");
        String oversized = IntStream.range(0, 101)
                .mapToObj(i -> "{\"id\":\"" + newId() + "\",\"changes\":{\"status\":\"completed\"}}")
                .collect(Collectors.joining(",", "[", "]"));
        put(http, todos, oversized).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("$");

        http.get().uri(todos + "/" + id).exchange().expectBody().jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void rejectsBadChangesWithTheirPaths() {
        String id = created("Valid");

        put(http, todos, "[{\"id\":\"" + id + "\",\"changes\":{\"name\":\"\",\"status\":\"later\"},\"version\":0}]")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == '[0].changes.name')]").exists()
                .jsonPath("$.errors[?(@.field == '[0].changes.status')]").exists()
                .jsonPath("$.errors[?(@.field == '[0].version')]").exists();
    }

    @Test
    void givenTwentyUpdatesRacingAtOneVersion_thenExactlyOneWins() {
        String id = created("Contended");

        List<HttpStatus> statuses = Flux.range(0, 20)
                .flatMap(i -> Mono.fromCallable(() -> HttpStatus.valueOf(
                                put(http, todos, "[{\"id\":\"" + id + "\",\"changes\":{\"name\":\"Writer " + i + "\"},\"version\":1}]")
                                        .returnResult(String.class).getStatus().value()))
                        .subscribeOn(Schedulers.boundedElastic()), 20)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(statuses).filteredOn(HttpStatus.OK::equals).hasSize(1);
        assertThat(statuses).filteredOn(HttpStatus.CONFLICT::equals).hasSize(19);
        http.get().uri(todos + "/" + id).exchange().expectBody().jsonPath("$.version").isEqualTo(2);
    }

    // --- DELETE /api/todos

    @Test
    void deletesThoseThatExistAndIgnoresTheRest() {
        String gone = created("Delete me");
        String absent = newId();

        long before = http.get().uri(todos + "/" + gone).exchange().expectBody(Map.class).returnResult().getResponseBody()
                .get("seq") instanceof Number seq ? seq.longValue() : -1;

        delete(http, todos, "[\"" + absent + "\",\"" + gone + "\"]")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.deleted").isEqualTo(List.of(gone))
                // The list's seq after the delete: one past the create's, unless others wrote the list in between.
                .jsonPath("$.seq").value(Number.class, seq -> assertThat(seq.longValue()).isGreaterThan(before));

        http.get().uri(todos + "/" + gone).exchange().expectStatus().isNotFound();
    }

    @Test
    void rejectsBadDeleteBatches() {
        delete(http, todos, "[]").expectStatus().isBadRequest().expectHeader().contentType(PROBLEM_JSON);
        delete(http, todos, "[\"ok\",\"no spaces allowed\"]")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("[1]");
    }

    // --- helpers

    private String created(String name) {
        String id = newId();
        post(http, todos, "{\"id\":\"" + id + "\",\"name\":" + Json.quote(name) + "}").expectStatus().isCreated();
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listAll() {
        return http.get().uri(todos).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBodyList(Map.class).returnResult().getResponseBody()
                .stream().map(m -> (Map<String, Object>) m).toList();
    }

    private void assertListDoesNotContainName(String name) {
        assertThat(listAll()).extracting(t -> t.get("name")).doesNotContain(name, name.strip());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
