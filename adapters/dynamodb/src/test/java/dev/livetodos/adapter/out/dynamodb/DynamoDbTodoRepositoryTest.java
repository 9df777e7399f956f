package dev.livetodos.adapter.out.dynamodb;

import static dev.livetodos.adapter.out.dynamodb.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.StoreUnavailableException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class DynamoDbTodoRepositoryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant LATER = Instant.parse("2026-11-24T08:00:00Z");

    private static final StoreCalls calls = new StoreCalls();

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    private String tableName;
    private DynamoDbTodoRepository repository;

    @BeforeAll
    static void startStore() throws Exception {
        dynamoDb = LocalDynamoDb.start();
        client = dynamoDb.client(calls);
    }

    @AfterAll
    static void stopStore() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @BeforeEach
    void freshTable() {
        tableName = "todos-" + UUID.randomUUID();
        DynamoDbTodoTable.createIfMissing(client, tableName).block(WAIT);
        repository = new DynamoDbTodoRepository(LocalDynamoDb.enhanced(client), tableName);
        calls.forget();
    }

    @Test
    void createsTheTableWithKeysAndAStreamOfOldAndNewImages() {
        TableDescription table = client.describeTable(r -> r.tableName(tableName)).join().table();

        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("pk:HASH", "sk:RANGE");
        assertThat(table.streamSpecification().streamEnabled()).isTrue();
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(table.latestStreamArn()).isNotBlank();
    }

    @Test
    void creatingAnExistingTableAgainChangesNothing() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);

        DynamoDbTodoTable.createIfMissing(client, tableName).block(WAIT);

        StepVerifier.create(repository.findById(todo.id())).expectNext(todo).verifyComplete();
    }

    @Test
    void insertedTodoReadsBackWithEveryField() {
        Todo todo = aTodo().withName("Ünïcødé ✓ and \"quotes\"").withStatus(TodoStatus.COMPLETED).build();

        StepVerifier.create(repository.insertIfAbsent(todo)).verifyComplete();

        StepVerifier.create(repository.findById(todo.id())).expectNext(todo).verifyComplete();
    }

    @Test
    void missingTodoReadsAsEmpty() {
        StepVerifier.create(repository.findById(TodoId.random())).verifyComplete();
    }

    @Test
    void givenTakenId_thenInsertGivesTheStoredTodoAndOverwritesNothing() {
        Todo stored = aTodo().withId("same-id").withName("first").build();
        repository.insertIfAbsent(stored).block(WAIT);

        StepVerifier.create(repository.insertIfAbsent(aTodo().withId("same-id").withName("second").build()))
                .expectNext(stored)
                .verifyComplete();

        StepVerifier.create(repository.findById(stored.id())).expectNext(stored).verifyComplete();
    }

    @Test
    void listsEveryTodoEvenBeyondOneMegabyteOfItems() {
        // 2,000 todos with 500-character names are about 1.2 MB: more than one Query page.
        String longName = "x".repeat(500);
        List<Todo> todos = IntStream.range(0, 2_000)
                .mapToObj(i -> aTodo().withName(longName).createdSecondsLater(i).build())
                .toList();
        Flux.fromIterable(todos).flatMap(repository::insertIfAbsent, 32).blockLast(WAIT);

        List<Todo> listed = repository.findAll().collectList().block(WAIT);

        assertThat(listed).hasSize(2_000).containsExactlyInAnyOrderElementsOf(todos);
    }

    @Test
    void readsAtMostTheGivenNumberOfWholeListsAtOnceAndAnswersEveryOneCompletely() {
        List<Todo> todos = IntStream.range(0, 300).mapToObj(i -> aTodo().createdSecondsLater(i).build()).toList();
        Flux.fromIterable(todos).flatMap(repository::insertIfAbsent, 32).blockLast(WAIT);
        DynamoDbTodoRepository twoAtATime = new DynamoDbTodoRepository(LocalDynamoDb.enhanced(client), tableName, 2);
        calls.forget();

        List<List<Todo>> listed = Flux.range(0, 16)
                .flatMap(any -> twoAtATime.findAll().collectList(), 16)
                .collectList()
                .block(WAIT);

        assertThat(listed).hasSize(16).allSatisfy(each -> assertThat(each).containsExactlyInAnyOrderElementsOf(todos));
        assertThat(calls.mostAtOnce("Query")).isEqualTo(2);
    }

    @Test
    void readsOnlyTheTodosThatExist() {
        Todo one = aTodo().build();
        Todo two = aTodo().build();
        repository.insertIfAbsent(one).block(WAIT);
        repository.insertIfAbsent(two).block(WAIT);

        List<Todo> found = repository.findAllById(List.of(one.id(), TodoId.random(), two.id())).collectList().block(WAIT);

        assertThat(found).containsExactlyInAnyOrder(one, two);
    }

    @Test
    void readsOneTodoWithOneConsistentGetInsteadOfATransaction() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);
        calls.forget();

        StepVerifier.create(repository.findAllById(List.of(todo.id()))).expectNext(todo).verifyComplete();

        assertThat(calls.operations()).containsExactly("GetItem");
    }

    @Test
    void givenOneMissingId_thenReadsNothing() {
        StepVerifier.create(repository.findAllById(List.of(TodoId.random()))).verifyComplete();
    }

    @Test
    void readsSeveralTodosInOneTransaction() {
        Todo one = aTodo().build();
        Todo two = aTodo().build();
        Flux.just(one, two).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        calls.forget();

        List<Todo> found = repository.findAllById(List.of(one.id(), two.id())).collectList().block(WAIT);

        assertThat(found).containsExactlyInAnyOrder(one, two);
        assertThat(calls.operations()).containsExactly("TransactGetItems");
    }

    @Test
    void updatesOneTodoWithOneConditionalPutInsteadOfATransaction() {
        Todo todo = aTodo().build();
        Todo kept = aTodo().build();
        Flux.just(todo, kept).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        Todo completed = todo.apply(statusOnly(TodoStatus.COMPLETED), LATER);
        calls.forget();

        StepVerifier.create(repository.updateAll(List.of(completed))).verifyComplete();

        assertThat(calls.operations()).containsExactly("PutItem");
        assertThat(completed.version()).isEqualTo(2);
        StepVerifier.create(repository.findById(todo.id())).expectNext(completed).verifyComplete();
        StepVerifier.create(repository.findById(kept.id())).expectNext(kept).verifyComplete();
    }

    @Test
    void givenAStaleVersion_thenUpdatingOneTodoRacesAndWritesNothing() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);
        Todo completedElsewhere = todo.apply(statusOnly(TodoStatus.COMPLETED), LATER);
        repository.updateAll(List.of(completedElsewhere)).block(WAIT);
        Todo renamedFromStaleRead = todo.apply(new TodoChanges(Optional.of("Renamed"), Optional.empty()), LATER);

        expectRaceOn(repository.updateAll(List.of(renamedFromStaleRead)), todo);

        StepVerifier.create(repository.findById(todo.id())).expectNext(completedElsewhere).verifyComplete();
    }

    @Test
    void writesAHundredTodosInOneTransaction() {
        List<Todo> todos = IntStream.range(0, 100).mapToObj(i -> aTodo().build()).toList();
        Flux.fromIterable(todos).flatMap(repository::insertIfAbsent, 16).blockLast(WAIT);
        List<Todo> completed = todos.stream().map(t -> t.apply(statusOnly(TodoStatus.COMPLETED), LATER)).toList();

        calls.forget();

        StepVerifier.create(repository.updateAll(completed)).verifyComplete();

        assertThat(calls.operations()).containsExactly("TransactWriteItems");
        assertThat(repository.findAll().collectList().block(WAIT)).containsExactlyInAnyOrderElementsOf(completed);
    }

    @Test
    void givenOneStaleTodo_thenNoneOfTheBatchIsUpdated() {
        Todo fresh = aTodo().build();
        Todo raced = aTodo().build();
        repository.insertIfAbsent(fresh).block(WAIT);
        repository.insertIfAbsent(raced).block(WAIT);
        Todo racedElsewhere = raced.apply(statusOnly(TodoStatus.COMPLETED), LATER);
        repository.updateAll(List.of(racedElsewhere)).block(WAIT);

        StepVerifier.create(repository.updateAll(List.of(
                        fresh.apply(statusOnly(TodoStatus.COMPLETED), LATER),
                        raced.apply(statusOnly(TodoStatus.COMPLETED), LATER))))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(ConcurrentUpdateException.class)
                        .hasMessageContaining(raced.id().value())
                        .hasMessageNotContaining(fresh.id().value()))
                .verify(WAIT);

        StepVerifier.create(repository.findById(fresh.id())).expectNext(fresh).verifyComplete();
        StepVerifier.create(repository.findById(raced.id())).expectNext(racedElsewhere).verifyComplete();
    }

    @Test
    void givenADeletedTodo_thenUpdatingItWritesNothing() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);
        repository.deleteAll(List.of(todo)).block(WAIT);

        StepVerifier.create(repository.updateAll(List.of(todo.apply(statusOnly(TodoStatus.COMPLETED), LATER))))
                .expectError(ConcurrentUpdateException.class)
                .verify(WAIT);

        StepVerifier.create(repository.findById(todo.id())).verifyComplete();
    }

    @Test
    void deletesTodosTogether() {
        Todo one = aTodo().build();
        Todo two = aTodo().build();
        Todo kept = aTodo().build();
        Flux.just(one, two, kept).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        calls.forget();

        StepVerifier.create(repository.deleteAll(List.of(one, two))).verifyComplete();

        assertThat(calls.operations()).containsExactly("TransactWriteItems");
        assertThat(repository.findAll().collectList().block(WAIT)).containsExactly(kept);
    }

    @Test
    void deletesOneTodoWithOneConditionalDeleteInsteadOfATransaction() {
        Todo todo = aTodo().build();
        Todo kept = aTodo().build();
        Flux.just(todo, kept).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        calls.forget();

        StepVerifier.create(repository.deleteAll(List.of(todo))).verifyComplete();

        assertThat(calls.operations()).containsExactly("DeleteItem");
        assertThat(repository.findAll().collectList().block(WAIT)).containsExactly(kept);
    }

    @Test
    void givenOneTodoChangedSinceRead_thenDeletingItRacesAndWritesNothing() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);
        Todo completedElsewhere = todo.apply(statusOnly(TodoStatus.COMPLETED), LATER);
        repository.updateAll(List.of(completedElsewhere)).block(WAIT);

        expectRaceOn(repository.deleteAll(List.of(todo)), todo);

        StepVerifier.create(repository.findById(todo.id())).expectNext(completedElsewhere).verifyComplete();
    }

    @Test
    void givenOneTodoDeletedSinceRead_thenDeletingItAgainRaces() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);
        repository.deleteAll(List.of(todo)).block(WAIT);

        StepVerifier.create(repository.deleteAll(List.of(todo)))
                .expectError(ConcurrentUpdateException.class)
                .verify(WAIT);
    }

    @Test
    void removesAPresentTodoWhateverItsVersionAndEmitsItAsItWas() {
        Todo todo = aTodo().build();
        Todo kept = aTodo().build();
        Flux.just(todo, kept).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        Todo completed = todo.apply(statusOnly(TodoStatus.COMPLETED), LATER);
        repository.updateAll(List.of(completed)).block(WAIT);
        calls.forget();

        StepVerifier.create(repository.removeIfPresent(todo.id())).expectNext(completed).verifyComplete();

        assertThat(calls.operations()).containsExactly("DeleteItem");
        assertThat(repository.findAll().collectList().block(WAIT)).containsExactly(kept);
    }

    @Test
    void givenAnAbsentId_thenRemovesNothingAndEmitsNothing() {
        Todo kept = aTodo().build();
        repository.insertIfAbsent(kept).block(WAIT);
        calls.forget();

        StepVerifier.create(repository.removeIfPresent(TodoId.random())).verifyComplete();

        assertThat(calls.operations()).containsExactly("DeleteItem");
        assertThat(repository.findAll().collectList().block(WAIT)).containsExactly(kept);
    }

    @Test
    void givenATodoChangedSinceRead_thenNoneOfTheBatchIsDeleted() {
        Todo one = aTodo().build();
        Todo changed = aTodo().build();
        Flux.just(one, changed).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        repository.updateAll(List.of(changed.apply(statusOnly(TodoStatus.COMPLETED), LATER))).block(WAIT);

        StepVerifier.create(repository.deleteAll(List.of(one, changed)))
                .expectError(ConcurrentUpdateException.class)
                .verify(WAIT);

        assertThat(repository.findAll().collectList().block(WAIT)).hasSize(2);
    }

    @Test
    void givenTheStoreCannotBeReached_thenEveryCallFailsAsUnavailable() {
        try (DynamoDbAsyncClient unreachable = LocalDynamoDb.clientFor(
                java.net.URI.create("http://127.0.0.1:" + LocalDynamoDb.freePort()))) {
            DynamoDbTodoRepository down = new DynamoDbTodoRepository(LocalDynamoDb.enhanced(unreachable), tableName);

            StepVerifier.create(down.findAll()).expectError(StoreUnavailableException.class).verify(WAIT);
            StepVerifier.create(down.insertIfAbsent(aTodo().build())).expectError(StoreUnavailableException.class).verify(WAIT);
            StepVerifier.create(down.findAllById(List.of(TodoId.random()))).expectError(StoreUnavailableException.class).verify(WAIT);
            StepVerifier.create(down.findAllById(List.of(TodoId.random(), TodoId.random())))
                    .expectError(StoreUnavailableException.class).verify(WAIT);
            StepVerifier.create(down.updateAll(List.of(aTodo().build()))).expectError(StoreUnavailableException.class).verify(WAIT);
            StepVerifier.create(down.deleteAll(List.of(aTodo().build()))).expectError(StoreUnavailableException.class).verify(WAIT);
            StepVerifier.create(down.removeIfPresent(TodoId.random())).expectError(StoreUnavailableException.class).verify(WAIT);
        }
    }

    @Test
    void givenNoTable_thenCallsFailAsUnavailable() {
        DynamoDbTodoRepository noTable = new DynamoDbTodoRepository(LocalDynamoDb.enhanced(client), "no-such-table");

        StepVerifier.create(noTable.findAll()).expectError(StoreUnavailableException.class).verify(WAIT);
    }

    private static TodoChanges statusOnly(TodoStatus status) {
        return new TodoChanges(Optional.empty(), Optional.of(status));
    }

    /** The write fails as a race that names the todo, so the service reads again and retries. */
    private static void expectRaceOn(Mono<?> write, Todo todo) {
        StepVerifier.create(write)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(ConcurrentUpdateException.class)
                        .hasMessageContaining(todo.id().value()))
                .verify(WAIT);
    }
}
