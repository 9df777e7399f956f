package dev.livetodos.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.StoreUnavailableException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoFixtures;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.TodoStatus;
import dev.livetodos.domain.model.WriteNotAllowedException;
import dev.livetodos.testsupport.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One list's todos against DynamoDB Local: the reads and writes of {@link TodoRepository}, and the
 * access checks every write carries in its transaction (the writer's role, the list's liveness).
 */
class DynamoDbTodoStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant LATER = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration RETENTION = Duration.ofDays(3);

    private static final ListId LIST = ListId.of("groceries");
    private static final ListId OTHER_LIST = ListId.of("hardware");
    private static final Person OWNER = Person.of(PersonId.of("olga"), "Olga");
    private static final Person EDITOR = Person.of(PersonId.of("eddie"), "Eddie");
    private static final Person VIEWER = Person.of(PersonId.of("vera"), "Vera");
    private static final Person STRANGER = Person.of(PersonId.of("sam"), "Sam");

    private static final StoreCalls calls = new StoreCalls();

    /** A todo of its own: each one a fresh id, so the todos a test stores stay apart in the one table. */
    private static TodoFixtures aTodo() {
        return TodoFixtures.aTodo().withId(TodoId.random().value());
    }

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    private String tableName;
    private DynamoDbTodoStore store;
    private DynamoDbLists lists;
    private DynamoDbMembers members;
    /** The list's todos as its editor writes them, compared by content (see {@link ContentOnly}). */
    private ContentOnly repository;

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
    void freshTableWithAListOfAnOwnerAnEditorAndAViewer() {
        tableName = "todos-" + UUID.randomUUID();
        DynamoDbTodoTable.createIfMissing(client, tableName).block(WAIT);
        lists = new DynamoDbLists(client, tableName);
        members = new DynamoDbMembers(client, tableName);
        lists.createIfAbsent(TodoList.create(LIST, "Groceries", OWNER.id()), Member.of(LIST, OWNER, Role.OWNER)).block(WAIT);
        members.put(Member.of(LIST, EDITOR, Role.EDITOR), Optional.empty()).block(WAIT);
        members.put(Member.of(LIST, VIEWER, Role.VIEWER), Optional.empty()).block(WAIT);
        store = new DynamoDbTodoStore(client, tableName, RETENTION, 4, CLOCK);
        repository = new ContentOnly(store.of(LIST, EDITOR.id()));
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
                .expectNext(new Occupant.Live(stored))
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
        // Stored as the store writes them, in batches of 25: 2,000 transactions would only test the machine's speed.
        storeDirectly(todos);

        List<Todo> listed = repository.findAll().collectList().block(WAIT);

        assertThat(listed).hasSize(2_000).containsExactlyInAnyOrderElementsOf(todos);
    }

    @Test
    void listsTenThousandSmallTodosWhole() {
        // About 4,700 short todos fill a 1 MB page: the SDK's own item publisher overflowed its stack on such a page and hung.
        List<Todo> todos = IntStream.range(0, 10_000).mapToObj(i -> aTodo().withName("Todo " + i).createdSecondsLater(i).build()).toList();
        storeDirectly(todos);

        List<Todo> listed = repository.findAll().collectList().block(WAIT);

        assertThat(listed).hasSize(10_000).containsExactlyInAnyOrderElementsOf(todos);
    }

    @Test
    void readsAtMostTheGivenNumberOfWholeListsAtOnceAndAnswersEveryOneCompletely() {
        List<Todo> todos = IntStream.range(0, 300).mapToObj(i -> aTodo().createdSecondsLater(i).build()).toList();
        Flux.fromIterable(todos).flatMap(repository::insertIfAbsent, 32).blockLast(WAIT);
        TodoRepository twoAtATime = new DynamoDbTodoStore(client, tableName, Duration.ofDays(7), 2, Clock.systemUTC())
                .of(LIST, EDITOR.id());
        calls.forget();

        List<List<Todo>> listed = Flux.range(0, 16)
                .flatMap(any -> twoAtATime.readAll().map(read -> read.todos().stream().map(ContentOnly::unnumbered).toList()), 16)
                .collectList()
                .block(WAIT);

        assertThat(listed).hasSize(16).allSatisfy(each -> assertThat(each).containsExactlyInAnyOrderElementsOf(todos));
        assertThat(calls.mostAtOnce("Query")).isEqualTo(2);
    }

    @Test
    void wholeListReadsCancelledAtAnyMomentGiveTheirTurnBack() {
        List<Todo> todos = IntStream.range(0, 300).mapToObj(i -> aTodo().createdSecondsLater(i).build()).toList();
        storeDirectly(todos);
        TodoRepository twoAtATime = new DynamoDbTodoStore(client, tableName, Duration.ofDays(7), 2, Clock.systemUTC())
                .of(LIST, EDITOR.id());
        java.util.Random random = new java.util.Random(42);

        // Readers that go away at every stage: waiting for their turn, mid-query, mid-page.
        for (int i = 0; i < 200; i++) {
            reactor.core.Disposable reader = twoAtATime.readAll().subscribe(read -> { }, failed -> { });
            if (random.nextBoolean()) {
                java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(3_000_000));
            }
            reader.dispose();
        }

        assertThat(twoAtATime.readAll().block(WAIT).todos()).hasSize(300);
        assertThat(Flux.range(0, 4).flatMap(any -> twoAtATime.readAll()).collectList().block(WAIT)).hasSize(4);
    }

    @Test
    void givenCorruptStoredItems_thenTheListAnswersTheOthersAndLogsEachKeyOnce() {
        Todo kept = aTodo().build();
        repository.insertIfAbsent(kept).block(WAIT);
        putRaw("bogus-status", Map.of("status", AttributeValue.fromS("bogus")));
        putRaw("no-timestamps", Map.of("createdAt", AttributeValue.fromNul(true)));
        putRaw("bad-version", Map.of("version", AttributeValue.fromS("three")));

        try (LogLines logged = LogLines.of(DynamoDbTodoStore.class)) {
            StepVerifier.create(repository.findAll()).expectNext(kept).verifyComplete();
            StepVerifier.create(repository.findAll()).expectNext(kept).verifyComplete();

            assertThat(logged.lines()).hasSize(3).allSatisfy(line -> assertThat(line).contains("LIST#groceries"));
            assertThat(logged.lines()).anySatisfy(line -> assertThat(line).contains("TODO#bogus-status").contains("'pending' or 'completed'"));
            assertThat(logged.lines()).anySatisfy(line -> assertThat(line).contains("TODO#no-timestamps"));
            assertThat(logged.lines()).anySatisfy(line -> assertThat(line).contains("TODO#bad-version"));
            assertThat(logged.withStackTraces()).isZero();
        }
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
    void updatesOneTodoInOneTransactionWithTheWritersRoleAndTheListsLiveness() {
        Todo todo = aTodo().build();
        Todo kept = aTodo().build();
        Flux.just(todo, kept).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        Todo completed = todo.apply(statusOnly(TodoStatus.COMPLETED), LATER);
        calls.forget();

        StepVerifier.create(repository.updateAll(List.of(completed))).verifyComplete();

        assertThat(calls.operations()).containsExactly("TransactWriteItems");
        assertCarriesTheAccessChecksBeside(1);
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
    void writesTheMostTodosABatchHoldsInOneTransactionBesideTheAccessCheckAndTheListsSeq() {
        List<Todo> todos = IntStream.range(0, DynamoDbTodoStore.MAX_BATCH_TODOS).mapToObj(i -> aTodo().build()).toList();
        Flux.fromIterable(todos).flatMap(repository::insertIfAbsent, 16).blockLast(WAIT);
        List<Todo> completed = todos.stream().map(t -> t.apply(statusOnly(TodoStatus.COMPLETED), LATER)).toList();

        calls.forget();

        StepVerifier.create(repository.updateAll(completed)).verifyComplete();

        assertThat(calls.operations()).containsExactly("TransactWriteItems");
        assertCarriesTheAccessChecksBeside(DynamoDbTodoStore.MAX_BATCH_TODOS);
        assertThat(repository.findAll().collectList().block(WAIT)).hasSize(97).containsExactlyInAnyOrderElementsOf(completed);
    }

    @Test
    void givenOneTodoMoreThanABatchHolds_thenTheWriteIsRefusedBeforeAnyCall() {
        List<Todo> todos = IntStream.range(0, DynamoDbTodoStore.MAX_BATCH_TODOS + 1).mapToObj(i -> aTodo().build()).toList();
        List<Todo> completed = todos.stream().map(t -> t.apply(statusOnly(TodoStatus.COMPLETED), LATER)).toList();

        StepVerifier.create(repository.updateAll(completed)).expectError(IllegalArgumentException.class).verify(WAIT);
        StepVerifier.create(repository.deleteAll(todos)).expectError(IllegalArgumentException.class).verify(WAIT);

        assertThat(calls.operations()).isEmpty();
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
    void deletesOneTodoInOneTransactionWithTheWritersRoleAndTheListsLiveness() {
        Todo todo = aTodo().build();
        Todo kept = aTodo().build();
        Flux.just(todo, kept).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        calls.forget();

        StepVerifier.create(repository.deleteAll(List.of(todo))).verifyComplete();

        assertThat(calls.operations()).containsExactly("TransactWriteItems");
        assertCarriesTheAccessChecksBeside(1);
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
    void removesAPresentTodoWhateverItsVersionAndEmitsItsId() {
        Todo todo = aTodo().build();
        Todo kept = aTodo().build();
        Flux.just(todo, kept).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        Todo completed = todo.apply(statusOnly(TodoStatus.COMPLETED), LATER);
        repository.updateAll(List.of(completed)).block(WAIT);
        calls.forget();

        StepVerifier.create(repository.removeIfPresent(todo.id()))
                .expectNext(todo.id())
                .verifyComplete();

        assertThat(calls.operations()).containsExactly("TransactWriteItems");
        assertCarriesTheAccessChecksBeside(1);
        assertThat(raw(todo.id())).containsEntry("version", AttributeValue.fromN("3"));
        assertThat(repository.findAll().collectList().block(WAIT)).containsExactly(kept);
    }

    @Test
    void givenAnAbsentId_thenRemovesNothingAndEmitsNothing() {
        Todo kept = aTodo().build();
        repository.insertIfAbsent(kept).block(WAIT);
        calls.forget();

        StepVerifier.create(repository.removeIfPresent(TodoId.random())).verifyComplete();

        assertThat(calls.operations()).containsExactly("TransactWriteItems");
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

    // --- tombstones

    @Test
    void createsTheTableWithTimeToLiveOnExpiresAt() {
        TimeToLiveDescription ttl = client.describeTimeToLive(r -> r.tableName(tableName)).join().timeToLiveDescription();

        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
    }

    @Test
    void aRemovedTodoLeavesATombstoneOfItsNextVersionThatExpiresAfterTheRetention() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);

        repository.removeIfPresent(todo.id()).block(WAIT);

        assertThat(raw(todo.id())).containsEntry("deleted", AttributeValue.fromBool(true))
                .containsEntry("version", AttributeValue.fromN("2"))
                .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(NOW.plus(RETENTION).getEpochSecond())))
                .doesNotContainKeys("name", "status", "createdAt", "updatedAt");
    }

    @Test
    void tombstonesAreHiddenFromEveryRead() {
        Todo removed = aTodo().build();
        Todo deletedInABatch = aTodo().build();
        Todo deletedAlone = aTodo().build();
        Todo kept = aTodo().build();
        Flux.just(removed, deletedInABatch, deletedAlone, kept).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        Todo other = aTodo().build();
        repository.insertIfAbsent(other).block(WAIT);

        repository.removeIfPresent(removed.id()).block(WAIT);
        repository.deleteAll(List.of(deletedInABatch, other)).block(WAIT);
        repository.deleteAll(List.of(deletedAlone)).block(WAIT);

        for (Todo gone : List.of(removed, deletedInABatch, deletedAlone, other)) {
            assertThat(raw(gone.id())).containsEntry("deleted", AttributeValue.fromBool(true))
                    .containsEntry("version", AttributeValue.fromN("2"));
            StepVerifier.create(repository.findById(gone.id())).verifyComplete();
        }
        assertThat(repository.findAll().collectList().block(WAIT)).containsExactly(kept);
        assertThat(repository.findAllById(List.of(removed.id(), deletedInABatch.id(), kept.id())).collectList().block(WAIT))
                .containsExactly(kept);
        StepVerifier.create(repository.findAllById(List.of(deletedAlone.id()))).verifyComplete();
    }

    @Test
    void givenATombstone_thenRemovingOrUpdatingItAgainWritesNothing() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);
        repository.removeIfPresent(todo.id()).block(WAIT);

        StepVerifier.create(repository.removeIfPresent(todo.id())).verifyComplete();
        Todo afterTombstone = todo.continuingAfter(2);
        expectRaceOn(repository.updateAll(List.of(afterTombstone.apply(statusOnly(TodoStatus.COMPLETED), LATER))), todo);

        assertThat(raw(todo.id())).containsEntry("version", AttributeValue.fromN("2"));
    }

    @Test
    void givenATombstone_thenInsertReportsItAndStoresOnlyTheTodoThatContinuesItsVersion() {
        Todo first = aTodo().withId("again").withName("first life").build();
        repository.insertIfAbsent(first).block(WAIT);
        repository.removeIfPresent(first.id()).block(WAIT);
        Todo second = aTodo().withId("again").withName("second life").build();

        StepVerifier.create(repository.insertIfAbsent(second))
                .expectNext(new Occupant.Tombstone(second.id(), 2))
                .verifyComplete();
        StepVerifier.create(repository.insertIfAbsent(second.continuingAfter(5)))
                .expectNext(new Occupant.Tombstone(second.id(), 2))
                .verifyComplete();
        StepVerifier.create(repository.insertIfAbsent(second.continuingAfter(2))).verifyComplete();

        StepVerifier.create(repository.findById(second.id())).expectNext(second.continuingAfter(2)).verifyComplete();
        assertThat(raw(second.id())).doesNotContainKeys("deleted", "expiresAt");
        assertThat(repository.findAll().collectList().block(WAIT)).containsExactly(second.continuingAfter(2));
    }

    @Test
    void givenTwoCreatesRacingOverOneTombstone_thenExactlyOneIsStored() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);
        repository.removeIfPresent(todo.id()).block(WAIT);

        List<Optional<Occupant>> answers = Flux.range(0, 8)
                .flatMap(i -> repository.insertIfAbsent(aTodo().withId(todo.id().value()).withName("racer " + i).build()
                                .continuingAfter(2))
                        .map(Optional::of).defaultIfEmpty(Optional.empty()), 8)
                .collectList().block(WAIT);

        assertThat(answers).filteredOn(Optional::isEmpty).hasSize(1);
        assertThat(answers).filteredOn(Optional::isPresent).hasSize(7)
                .allSatisfy(answer -> assertThat(answer.get()).isInstanceOf(Occupant.Live.class));
        assertThat(repository.findById(todo.id()).block(WAIT).version()).isEqualTo(3);
    }

    // --- unreadable items

    @Test
    void givenACorruptStoredItem_thenReadingOrCreatingItFailsAsAServerFaultAndOverwritesNothing() {
        putRaw("corrupt", Map.of("status", AttributeValue.fromS("bogus")));
        Todo kept = aTodo().build();
        repository.insertIfAbsent(kept).block(WAIT);
        TodoId corrupt = new TodoId("corrupt");

        StepVerifier.create(repository.findById(corrupt)).expectError(UnreadableTodoException.class).verify(WAIT);
        StepVerifier.create(repository.findAllById(List.of(corrupt, kept.id()))).expectError(UnreadableTodoException.class).verify(WAIT);
        StepVerifier.create(repository.insertIfAbsent(aTodo().withId("corrupt").build()))
                .expectError(UnreadableTodoException.class).verify(WAIT);

        assertThat(raw(corrupt)).containsEntry("status", AttributeValue.fromS("bogus"));
    }

    @Test
    void givenACorruptStoredItem_thenRemovingItByIdLeavesATombstone() {
        putRaw("corrupt", Map.of("status", AttributeValue.fromS("bogus")));

        StepVerifier.create(repository.removeIfPresent(new TodoId("corrupt")))
                .expectNext(new TodoId("corrupt"))
                .verifyComplete();

        assertThat(raw(new TodoId("corrupt"))).containsEntry("deleted", AttributeValue.fromBool(true)).doesNotContainKey("status");
    }

    @Test
    void givenTheStoreCannotBeReached_thenEveryCallFailsAsUnavailable() {
        try (DynamoDbAsyncClient unreachable = LocalDynamoDb.clientFor(
                java.net.URI.create("http://127.0.0.1:" + LocalDynamoDb.freePort()))) {
            TodoRepository down = new DynamoDbTodoStore(unreachable, tableName).of(LIST, EDITOR.id());

            StepVerifier.create(down.readAll()).expectError(StoreUnavailableException.class).verify(WAIT);
            StepVerifier.create(down.seq()).expectError(StoreUnavailableException.class).verify(WAIT);
            StepVerifier.create(down.changesAfter(0, 10)).expectError(StoreUnavailableException.class).verify(WAIT);
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
        TodoRepository noTable = new DynamoDbTodoStore(client, "no-such-table").of(LIST, EDITOR.id());

        StepVerifier.create(noTable.readAll()).expectError(StoreUnavailableException.class).verify(WAIT);
        StepVerifier.create(noTable.changesAfter(0, 10)).expectError(StoreUnavailableException.class).verify(WAIT);
    }

    // --- who may write, checked in the write's own transaction

    @Test
    void theOwnerWritesTodosAsAnEditorDoes() {
        ContentOnly owners = new ContentOnly(store.of(LIST, OWNER.id()));
        Todo todo = aTodo().build();

        StepVerifier.create(owners.insertIfAbsent(todo)).verifyComplete();
        Todo completed = todo.apply(statusOnly(TodoStatus.COMPLETED), LATER);
        StepVerifier.create(owners.updateAll(List.of(completed))).verifyComplete();
        StepVerifier.create(owners.removeIfPresent(todo.id())).expectNext(todo.id()).verifyComplete();

        assertThat(raw(todo.id())).containsEntry("deleted", AttributeValue.fromBool(true))
                .containsEntry("version", AttributeValue.fromN("3"));
    }

    @Test
    void givenAViewer_thenEveryWriteFailsAsNotAllowedAndWritesNothing() {
        Todo stored = aTodo().build();
        repository.insertIfAbsent(stored).block(WAIT);
        Map<String, AttributeValue> before = raw(stored.id());
        TodoRepository viewers = store.of(LIST, VIEWER.id());
        Todo fresh = aTodo().build();

        expectNotAllowed(viewers.insertIfAbsent(fresh));
        expectNotAllowed(viewers.updateAll(List.of(stored.apply(statusOnly(TodoStatus.COMPLETED), LATER))));
        expectNotAllowed(viewers.deleteAll(List.of(stored)));
        expectNotAllowed(viewers.removeIfPresent(stored.id()));
        expectNotAllowed(viewers.removeIfPresent(TodoId.random()));

        assertThat(raw(fresh.id())).isEmpty();
        assertThat(raw(stored.id())).isEqualTo(before);
        assertThat(todoItems(LIST)).hasSize(1);
        StepVerifier.create(viewers.findById(stored.id()).map(ContentOnly::unnumbered)).expectNext(stored).verifyComplete();
    }

    @Test
    void givenTheEditorRemovedBetweenTheReadAndTheWrite_thenTheWriteFailsAsNotAllowedAndWritesNothing() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);
        Todo read = repository.findById(todo.id()).block(WAIT);

        members.remove(LIST, EDITOR.id()).block(WAIT);

        expectNotAllowed(repository.updateAll(List.of(read.apply(statusOnly(TodoStatus.COMPLETED), LATER))));
        expectNotAllowed(repository.deleteAll(List.of(read)));
        expectNotAllowed(repository.removeIfPresent(read.id()));
        Todo fresh = aTodo().build();
        expectNotAllowed(repository.insertIfAbsent(fresh));

        StepVerifier.create(repository.findById(todo.id())).expectNext(todo).verifyComplete();
        assertThat(raw(fresh.id())).isEmpty();
        assertThat(todoItems(LIST)).hasSize(1);
    }

    @Test
    void givenTheEditorMadeAViewerBetweenTheReadAndTheWrite_thenTheWriteFailsAsNotAllowedAndWritesNothing() {
        Todo todo = aTodo().build();
        repository.insertIfAbsent(todo).block(WAIT);
        Todo read = repository.findById(todo.id()).block(WAIT);
        Map<String, AttributeValue> before = raw(todo.id());

        members.put(Member.of(LIST, EDITOR, Role.VIEWER), Optional.of(Role.EDITOR)).block(WAIT);

        expectNotAllowed(repository.updateAll(List.of(read.apply(statusOnly(TodoStatus.COMPLETED), LATER))));
        expectNotAllowed(repository.removeIfPresent(read.id()));

        assertThat(raw(todo.id())).isEqualTo(before);
    }

    @Test
    void givenAStranger_thenACreateOverATakenIdFailsAsNotAllowedAndTellsNothingOfWhatHoldsIt() {
        // A stranger, though the owner of a list of their own.
        lists.createIfAbsent(TodoList.create(OTHER_LIST, "Hardware", STRANGER.id()), Member.of(OTHER_LIST, STRANGER, Role.OWNER))
                .block(WAIT);
        Todo stored = aTodo().withId("taken").withName("Private matter").build();
        Todo removed = aTodo().withId("was-taken").build();
        Flux.just(stored, removed).concatMap(repository::insertIfAbsent).blockLast(WAIT);
        repository.removeIfPresent(removed.id()).block(WAIT);
        Map<String, AttributeValue> storedBefore = raw(stored.id());
        Map<String, AttributeValue> tombstoneBefore = raw(removed.id());
        TodoRepository strangers = store.of(LIST, STRANGER.id());

        StepVerifier.create(strangers.insertIfAbsent(aTodo().withId("taken").withName("Guess").build()))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(WriteNotAllowedException.class, denied -> assertThat(denied.listId()).isEqualTo(LIST))
                        .hasMessageNotContaining("Private matter"))
                .verify(WAIT);
        expectNotAllowed(strangers.insertIfAbsent(aTodo().withId("was-taken").build()));
        expectNotAllowed(strangers.insertIfAbsent(aTodo().withId("was-taken").build().continuingAfter(2)));
        expectNotAllowed(strangers.insertIfAbsent(aTodo().withId("free").build()));

        assertThat(raw(stored.id())).isEqualTo(storedBefore);
        assertThat(raw(removed.id())).isEqualTo(tombstoneBefore);
        assertThat(raw(new TodoId("free"))).isEmpty();
    }

    @Test
    void givenTheListMarkedDeleted_thenEveryWriteFailsAsNotAllowedAndWritesNothing() {
        Todo stored = aTodo().build();
        repository.insertIfAbsent(stored).block(WAIT);
        markDeletedByHand(LIST);
        Map<String, AttributeValue> before = raw(stored.id());
        Todo fresh = aTodo().build();

        for (TodoRepository writer : List.of(repository.numbered(), store.of(LIST, OWNER.id()))) {
            expectNotAllowed(writer.insertIfAbsent(fresh));
            expectNotAllowed(writer.updateAll(List.of(stored.apply(statusOnly(TodoStatus.COMPLETED), LATER))));
            expectNotAllowed(writer.deleteAll(List.of(stored)));
            expectNotAllowed(writer.removeIfPresent(stored.id()));
        }

        assertThat(raw(stored.id())).isEqualTo(before);
        assertThat(raw(fresh.id())).isEmpty();
    }

    @Test
    void givenTheListDeleted_thenWritesFailAsNotAllowedAndNothingIsLeftUnderIt() {
        Todo stored = aTodo().build();
        repository.insertIfAbsent(stored).block(WAIT);

        lists.delete(LIST).block(WAIT);

        expectNotAllowed(repository.insertIfAbsent(aTodo().build()));
        expectNotAllowed(repository.removeIfPresent(stored.id()));
        expectNotAllowed(store.of(LIST, OWNER.id()).insertIfAbsent(aTodo().build()));
        assertThat(partition(LIST)).isEmpty();
    }

    // --- one list's items

    @Test
    void listingTheTodosNeverReadsTheListsOwnItemsAndLogsNothingOfThem() {
        try (LogLines logged = LogLines.of(DynamoDbTodoStore.class)) {
            StepVerifier.create(repository.findAll()).verifyComplete();

            Todo todo = aTodo().build();
            repository.insertIfAbsent(todo).block(WAIT);
            assertThat(partition(LIST)).extracting(item -> item.get("sk").s())
                    .containsExactlyInAnyOrder("META", "MEMBER#olga", "MEMBER#eddie", "MEMBER#vera", "TODO#" + todo.id().value());

            StepVerifier.create(repository.findAll()).expectNext(todo).verifyComplete();
            assertThat(logged.lines()).isEmpty();
        }
    }

    @Test
    void givenAnotherListsTodos_thenThisListNeitherShowsNorTouchesThem() {
        lists.createIfAbsent(TodoList.create(OTHER_LIST, "Hardware", STRANGER.id()), Member.of(OTHER_LIST, STRANGER, Role.OWNER))
                .block(WAIT);
        ContentOnly others = new ContentOnly(store.of(OTHER_LIST, STRANGER.id()));
        Todo theirs = aTodo().withId("same-id").withName("Nails").build();
        Todo theirsOnly = aTodo().withName("Screws").build();
        Flux.just(theirs, theirsOnly).concatMap(others::insertIfAbsent).blockLast(WAIT);
        Todo ours = aTodo().withId("same-id").withName("Milk").build();

        StepVerifier.create(repository.findAll()).verifyComplete();
        StepVerifier.create(repository.findById(theirsOnly.id())).verifyComplete();
        StepVerifier.create(repository.findAllById(List.of(theirs.id(), theirsOnly.id()))).verifyComplete();
        StepVerifier.create(repository.insertIfAbsent(ours)).verifyComplete();
        StepVerifier.create(repository.removeIfPresent(theirsOnly.id())).verifyComplete();

        StepVerifier.create(repository.findAll()).expectNext(ours).verifyComplete();
        assertThat(others.findAll().collectList().block(WAIT)).containsExactlyInAnyOrder(theirs, theirsOnly);
        assertThat(todoItems(OTHER_LIST)).hasSize(2);
    }

    /** An item as no write of this server makes it: a good todo with these attributes replaced. */
    private void putRaw(String id, Map<String, AttributeValue> replaced) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "pk", AttributeValue.fromS("LIST#" + LIST.value()), "sk", AttributeValue.fromS("TODO#" + id),
                "id", AttributeValue.fromS(id), "name", AttributeValue.fromS("Raw " + id),
                "status", AttributeValue.fromS("pending"), "version", AttributeValue.fromN("1"),
                "createdAt", AttributeValue.fromS("2026-11-23T10:15:30Z"), "updatedAt", AttributeValue.fromS("2026-11-23T10:15:30Z")));
        item.putAll(replaced);
        item.values().removeIf(value -> Boolean.TRUE.equals(value.nul()));
        client.putItem(request -> request.tableName(tableName).item(item)).join();
    }

    private Map<String, AttributeValue> raw(TodoId id) {
        return client.getItem(request -> request.tableName(tableName).consistentRead(true)
                .key(TodoItem.keyMap(LIST, id))).join().item();
    }

    /** The todos' items in this list, written by BatchWriteItem until DynamoDB has taken every one. */
    private void storeDirectly(List<Todo> todos) {
        for (int from = 0; from < todos.size(); from += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(tableName, todos.subList(from, Math.min(from + 25, todos.size())).stream()
                    .map(todo -> WriteRequest.builder().putRequest(put -> put.item(TodoItem.itemOf(LIST, todo))).build())
                    .toList());
            while (!batch.isEmpty()) {
                Map<String, List<WriteRequest>> pending = batch;
                batch = client.batchWriteItem(request -> request.requestItems(pending)).join().unprocessedItems();
            }
        }
    }

    /** A list half-way through its deletion: its META marked deleted, everything else still there. */
    private void markDeletedByHand(ListId list) {
        client.updateItem(request -> request.tableName(tableName).key(ListItems.metaKey(list))
                .updateExpression("SET #deleted = :true")
                .expressionAttributeNames(Map.of("#deleted", "deleted"))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))).join();
    }

    /** Every item under the list's partition key, whatever it is. */
    private List<Map<String, AttributeValue>> partition(ListId list) {
        return client.query(request -> request.tableName(tableName).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", "pk"))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LIST#" + list.value())))).join().items();
    }

    /** The list's todo items, tombstones included. */
    private List<Map<String, AttributeValue>> todoItems(ListId list) {
        return partition(list).stream().filter(item -> item.get("sk").s().startsWith("TODO#")).toList();
    }

    /**
     * The one write sent holds these many todo actions, then the editor's member check and the
     * update of the list's META item (its seq, on the condition that the list is live).
     */
    private void assertCarriesTheAccessChecksBeside(int todos) {
        List<TransactWriteItemsRequest> writes = calls.requests().stream()
                .filter(TransactWriteItemsRequest.class::isInstance).map(TransactWriteItemsRequest.class::cast).toList();
        assertThat(writes).hasSize(1);
        List<TransactWriteItem> items = writes.get(0).transactItems();
        assertThat(items).hasSize(todos + 2);
        assertThat(items.subList(0, todos)).allSatisfy(item -> assertThat(item.conditionCheck()).isNull());
        assertThat(items.get(todos).conditionCheck().key()).isEqualTo(ListItems.memberKey(LIST, EDITOR.id()));
        assertThat(items.get(todos + 1).update().key()).isEqualTo(ListItems.metaKey(LIST));
        assertThat(items.get(todos + 1).update().conditionExpression()).contains(ListAccessConditions.LIVE_LIST);
    }

    /** The write fails because this person may not write to the list (any more), and says which list. */
    private static void expectNotAllowed(Mono<?> write) {
        StepVerifier.create(write)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(WriteNotAllowedException.class, denied -> assertThat(denied.listId()).isEqualTo(LIST)))
                .verify(WAIT);
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
