package dev.livetodos.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoFixtures;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.testsupport.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Against DynamoDB Local: a store that holds the lists it read answers an unchanged list from
 * memory after one small read of its META item, and never answers what another process (another
 * store on the same table) has changed since, nor a list deleted and created again under the same
 * id, from what it holds.
 */
class DynamoDbHeldListsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final ListId LIST = GroceriesTable.LIST;

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;
    private static final StoreCalls calls = new StoreCalls();

    private String tableName;
    /** This process's store, which holds up to 1,000 todos. */
    private TodoRepository holding;
    /** Another process's, on the same table. */
    private TodoRepository elsewhere;

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
    void freshTableWithAList() {
        tableName = GroceriesTable.create(client, WAIT);
        holding = store(1_000).of(LIST, GroceriesTable.EDITOR.id());
        elsewhere = store(0).of(LIST, GroceriesTable.EDITOR.id());
    }

    @Test
    void anUnchangedListReadAgainIsAnsweredFromMemoryAfterOneReadOfItsMeta() {
        create(elsewhere, "Milk");
        create(elsewhere, "Bread");
        TodosAt first = holding.readAll().block(WAIT);

        calls.forget();
        TodosAt again = holding.readAll().block(WAIT);

        assertThat(calls.operations()).containsExactly("GetItem");
        assertThat(again).isEqualTo(first);
        assertThat(names(again)).containsExactlyInAnyOrder("Milk", "Bread");
        assertThat(again.seq()).isEqualTo(2);
    }

    @Test
    void whatAnotherProcessWroteSinceIsReadFromTheStore() {
        Todo milk = create(elsewhere, "Milk");
        Todo bread = create(elsewhere, "Bread");
        holding.readAll().block(WAIT);

        create(elsewhere, "Eggs");
        Todo renamed = elsewhere.updateAll(List.of(milk.apply(TodoChanges.of("Oat milk", null), NOW))).block(WAIT).get(0);
        elsewhere.removeIfPresent(bread.id()).block(WAIT);
        calls.forget();
        TodosAt read = holding.readAll().block(WAIT);

        assertThat(calls.operations()).contains("GetItem", "Query");
        assertThat(names(read)).containsExactlyInAnyOrder("Oat milk", "Eggs");
        assertThat(read.seq()).isEqualTo(5);
        assertThat(read.todos()).filteredOn(todo -> todo.id().equals(milk.id())).singleElement()
                .extracting(Todo::version).isEqualTo(renamed.version());
    }

    @Test
    void aListDeletedAndCreatedAgainUnderItsIdIsNotTakenForTheOneHeld() {
        create(elsewhere, "Milk");
        assertThat(names(holding.readAll().block(WAIT))).containsExactly("Milk");

        DynamoDbLists lists = new DynamoDbLists(client, tableName);
        lists.delete(LIST).block(WAIT);
        lists.createIfAbsent(TodoList.create(LIST, "Groceries", GroceriesTable.OWNER.id()),
                Member.of(LIST, GroceriesTable.OWNER, Role.OWNER)).block(WAIT);
        new DynamoDbMembers(client, tableName).put(Member.of(LIST, GroceriesTable.EDITOR, Role.EDITOR), Optional.empty()).block(WAIT);
        TodoRepository anew = store(0).of(LIST, GroceriesTable.EDITOR.id());
        create(anew, "Bread");

        TodosAt read = holding.readAll().block(WAIT);

        assertThat(read.seq()).as("the new list's seq is the old one's").isEqualTo(1);
        assertThat(names(read)).containsExactly("Bread");
    }

    @Test
    void aStoreThatMayHoldFewerTodosThanTheListQueriesItEveryTime() {
        TodoRepository small = store(1).of(LIST, GroceriesTable.EDITOR.id());
        create(elsewhere, "Milk");
        create(elsewhere, "Bread");
        small.readAll().block(WAIT);

        calls.forget();
        TodosAt again = small.readAll().block(WAIT);

        assertThat(calls.operations()).containsExactly("Query");
        assertThat(names(again)).containsExactlyInAnyOrder("Milk", "Bread");
    }

    @Test
    void aStoreThatHoldsNothingQueriesEveryTime() {
        create(elsewhere, "Milk");
        elsewhere.readAll().block(WAIT);

        calls.forget();
        elsewhere.readAll().block(WAIT);

        assertThat(calls.operations()).containsExactly("Query");
    }

    private DynamoDbTodoStore store(long heldTodos) {
        return new DynamoDbTodoStore(client, tableName, Duration.ofDays(7), 2, Clock.fixed(NOW, ZoneOffset.UTC),
                Optional::empty, heldTodos);
    }

    private static Todo create(TodoRepository todos, String name) {
        Todo todo = TodoFixtures.aTodo().withId(TodoId.random().value()).withName(name).build();
        return ((Occupant.Inserted) todos.insertIfAbsent(todo).block(WAIT)).todo();
    }

    private static List<String> names(TodosAt read) {
        return read.todos().stream().map(Todo::name).toList();
    }
}
