package dev.livetodos.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.TodoStatus;
import dev.livetodos.testsupport.LocalDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Version 1's todos, kept under its one partition, moving into a list of version 2. */
class DynamoDbLegacyTodosTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ListId LIST = ListId.of("default");
    private static final PersonId OWNER = PersonId.of("everyone");
    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    private String tableName;
    private DynamoDbLegacyTodos legacy;

    @BeforeAll
    static void startStore() throws Exception {
        dynamoDb = LocalDynamoDb.start();
        client = dynamoDb.client();
    }

    @AfterAll
    static void stopStore() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @BeforeEach
    void freshTableWithTheList() {
        tableName = "todos-" + UUID.randomUUID();
        DynamoDbTodoTable.createIfMissing(client, tableName).block(WAIT);
        new DynamoDbLists(client, tableName).createIfAbsent(TodoList.create(LIST, "Shared todos", OWNER),
                Member.of(LIST, new Person(OWNER, "Everyone"), Role.OWNER)).block(WAIT);
        legacy = new DynamoDbLegacyTodos(client, tableName);
    }

    @Test
    void movesEveryTodoAndTombstoneIntoTheListWithTheirVersionsAndEmptiesTheOldPartition() {
        IntStream.range(0, 120).forEach(i -> writeVersionOne(todo("t" + i, 1 + i % 3)));
        writeVersionOneTombstone("gone", 4);

        Long moved = legacy.moveInto(LIST).block(WAIT);

        assertThat(moved).isEqualTo(121);
        DynamoDbTodoStore store = new DynamoDbTodoStore(client, tableName);
        List<Todo> todos = store.of(LIST, OWNER).readAll().map(read -> read.todos()).block(WAIT);
        assertThat(todos).hasSize(120).contains(todo("t7", 2));
        assertThat(itemsUnder(TodoItem.LEGACY_PARTITION)).isZero();
        // The tombstone came along: creating the id again continues after its version.
        assertThat(store.of(LIST, OWNER).insertIfAbsent(todo("gone", 1)).block(WAIT))
                .isEqualTo(new dev.livetodos.application.port.out.Occupant.Tombstone(TodoId.of("gone"), 4));
    }

    @Test
    void givenNothingOfVersionOne_thenMovesNothing() {
        assertThat(legacy.moveInto(LIST).block(WAIT)).isZero();
    }

    @Test
    void movingAgainAfterAnInterruptedMoveFinishesItAndKeepsEveryTodoOnce() {
        IntStream.range(0, 10).forEach(i -> writeVersionOne(todo("t" + i, 1)));
        // As if a crash came after the first of them had moved: it is under the list only.
        Map<String, AttributeValue> first = new HashMap<>(TodoItem.itemOf(LIST, todo("t0", 1)));
        client.putItem(request -> request.tableName(tableName).item(first)).join();
        client.deleteItem(request -> request.tableName(tableName).key(Map.of(
                TodoItem.PK, AttributeValue.fromS(TodoItem.LEGACY_PARTITION), TodoItem.SK, AttributeValue.fromS("TODO#t0")))).join();

        Long moved = legacy.moveInto(LIST).block(WAIT);

        assertThat(moved).isEqualTo(9);
        assertThat(new DynamoDbTodoStore(client, tableName).of(LIST, OWNER).readAll().map(read -> read.todos()).block(WAIT)).hasSize(10);
        assertThat(itemsUnder(TodoItem.LEGACY_PARTITION)).isZero();
        assertThat(legacy.moveInto(LIST).block(WAIT)).isZero();
    }

    @Test
    void movesTheTodosAndTombstonesOfOneListIntoAnotherAndLeavesTheListsOwnItems() {
        ListId mine = ListId.of("mine");
        new DynamoDbLists(client, tableName).createIfAbsent(TodoList.create(mine, "My todos", PersonId.of("ann")),
                Member.of(mine, new Person(PersonId.of("ann"), "Ann"), Role.OWNER)).block(WAIT);
        DynamoDbTodoStore store = new DynamoDbTodoStore(client, tableName);
        IntStream.range(0, 60).forEach(i -> store.of(LIST, OWNER).insertIfAbsent(todo("s" + i, 1)).block(WAIT));
        store.of(LIST, OWNER).deleteAll(List.of(todo("s0", 1))).block(WAIT);

        Long moved = legacy.moveTodos(LIST, mine).block(WAIT);

        assertThat(moved).isEqualTo(60);
        assertThat(store.of(mine, PersonId.of("ann")).readAll().map(read -> read.todos()).block(WAIT)).hasSize(59);
        assertThat(store.of(LIST, OWNER).readAll().map(read -> read.todos()).block(WAIT)).isEmpty();
        // The shared list's META and member stay: only todos move.
        assertThat(itemsUnder(TodoItem.partitionKey(LIST))).isEqualTo(2);
        assertThat(store.of(mine, PersonId.of("ann")).insertIfAbsent(todo("s0", 1)).block(WAIT))
                .isEqualTo(new dev.livetodos.application.port.out.Occupant.Tombstone(TodoId.of("s0"), 2));
    }

    @Test
    void givenTwoMoversAtOnce_thenEveryTodoArrivesOnceAndNoneIsLeftBehind() {
        IntStream.range(0, 150).forEach(i -> writeVersionOne(todo("t" + i, 1)));

        List<Long> moved = reactor.core.publisher.Flux.merge(legacy.moveInto(LIST), new DynamoDbLegacyTodos(client, tableName).moveInto(LIST))
                .collectList().block(WAIT);

        assertThat(moved.stream().mapToLong(Long::longValue).sum()).isEqualTo(150);
        assertThat(new DynamoDbTodoStore(client, tableName).of(LIST, OWNER).readAll().map(read -> read.todos()).block(WAIT)).hasSize(150);
        assertThat(itemsUnder(TodoItem.LEGACY_PARTITION)).isZero();
    }

    @Test
    void tellsWhetherAnyVersionOneTodoIsLeft() {
        assertThat(legacy.anyOfVersionOne().block(WAIT)).isFalse();

        writeVersionOne(todo("t1", 1));

        assertThat(legacy.anyOfVersionOne().block(WAIT)).isTrue();
    }

    @Test
    void givenTwoClaimsAtOnce_thenExactlyOneWinsAndTheClaimNamesItsList() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        var won = reactor.core.publisher.Mono.zip(
                        legacy.claim(ListId.of("a"), PersonId.of("ann"), now).subscribeOn(reactor.core.scheduler.Schedulers.parallel()),
                        legacy.claim(ListId.of("b"), PersonId.of("bob"), now).subscribeOn(reactor.core.scheduler.Schedulers.parallel()))
                .block(WAIT);

        assertThat(List.of(won.getT1(), won.getT2())).containsExactlyInAnyOrder(true, false);
        DynamoDbLegacyTodos.Claim claim = legacy.claimState().block(WAIT);
        assertThat(claim.claimed()).isTrue();
        assertThat(claim.done()).isFalse();
        assertThat(claim.list()).isEqualTo(won.getT1() ? ListId.of("a") : ListId.of("b"));
    }

    @Test
    void aFinishedClaimSaysSoAndCannotBeClaimedAgain() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(legacy.claimState().block(WAIT)).isEqualTo(DynamoDbLegacyTodos.Claim.NONE);
        legacy.claim(ListId.of("a"), PersonId.of("ann"), now).block(WAIT);

        legacy.finishClaim(now.plusSeconds(1)).block(WAIT);

        assertThat(legacy.claimState().block(WAIT)).isEqualTo(new DynamoDbLegacyTodos.Claim(true, ListId.of("a"), true));
        assertThat(legacy.claim(ListId.of("b"), PersonId.of("bob"), now).block(WAIT)).isFalse();
    }

    private static Todo todo(String id, long version) {
        return new Todo(TodoId.of(id), "Todo " + id, TodoStatus.PENDING, version, CREATED, CREATED.plusSeconds(version));
    }

    private void writeVersionOne(Todo todo) {
        Map<String, AttributeValue> item = new HashMap<>(TodoItem.itemOf(LIST, todo));
        item.put(TodoItem.PK, AttributeValue.fromS(TodoItem.LEGACY_PARTITION));
        client.putItem(request -> request.tableName(tableName).item(item)).join();
    }

    private void writeVersionOneTombstone(String id, long version) {
        client.putItem(request -> request.tableName(tableName).item(Map.of(
                TodoItem.PK, AttributeValue.fromS(TodoItem.LEGACY_PARTITION),
                TodoItem.SK, AttributeValue.fromS("TODO#" + id),
                TodoItem.ID, AttributeValue.fromS(id),
                TodoItem.VERSION, AttributeValue.fromN(Long.toString(version)),
                TodoItem.DELETED, AttributeValue.fromBool(true),
                TodoItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(Instant.now().plus(Duration.ofDays(7)).getEpochSecond()))))).join();
    }

    private int itemsUnder(String partition) {
        return client.query(request -> request.tableName(tableName)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TodoItem.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))))
                .join().count();
    }
}
