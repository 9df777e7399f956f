package dev.livetodos.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoFixtures;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.testsupport.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Against DynamoDB Local: every todo item keeps the W3C trace context of the write that left it
 * as it is (a put, an update, a delete's tombstone), and a write made outside any trace removes
 * what an earlier one left, so a stream record never names another write's trace.
 */
class DynamoDbTraceContextTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final ListId LIST = GroceriesTable.LIST;
    private static final String FIRST = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String SECOND = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    private final AtomicReference<Optional<String>> current = new AtomicReference<>(Optional.empty());
    private String tableName;
    private TodoRepository todos;

    @BeforeAll
    static void startStore() throws Exception {
        dynamoDb = LocalDynamoDb.start();
        client = dynamoDb.client(new StoreCalls());
    }

    @AfterAll
    static void stopStore() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @BeforeEach
    void freshTableWithAList() {
        tableName = GroceriesTable.create(client, WAIT);
        todos = new DynamoDbTodoStore(client, tableName, Duration.ofDays(7), 2, Clock.fixed(NOW, ZoneOffset.UTC), current::get)
                .of(LIST, GroceriesTable.EDITOR.id());
    }

    @Test
    void eachWriteLeavesItsOwnTraceContextOnTheItemAndAWriteWithoutOneRemovesIt() {
        Todo todo = TodoFixtures.aTodo().withId(TodoId.random().value()).withName("Milk").build();

        current.set(Optional.of(FIRST));
        Todo created = ((Occupant.Inserted) todos.insertIfAbsent(todo).block(WAIT)).todo();
        assertThat(traceparent(todo.id())).contains(FIRST);

        current.set(Optional.of(SECOND));
        Todo renamed = todos.updateAll(List.of(created.apply(TodoChanges.of("Oat milk", null), NOW))).block(WAIT).get(0);
        assertThat(traceparent(todo.id())).contains(SECOND);

        current.set(Optional.empty());
        Todo done = todos.updateAll(List.of(renamed.apply(TodoChanges.of(null, "completed"), NOW))).block(WAIT).get(0);
        assertThat(traceparent(todo.id())).as("a write outside a trace").isEmpty();

        current.set(Optional.of(FIRST));
        todos.deleteAll(List.of(done)).block(WAIT);
        assertThat(item(todo.id())).containsKey(TodoItem.DELETED);
        assertThat(traceparent(todo.id())).as("the delete's tombstone").contains(FIRST);
        // Read back, the todo is as it was written: the trace context is never part of it.
        assertThat(todos.findById(todo.id()).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void aTombstoneMadeOutsideATraceKeepsNoEarlierWritesTraceContext() {
        Todo todo = TodoFixtures.aTodo().withId(TodoId.random().value()).withName("Bread").build();
        current.set(Optional.of(FIRST));
        todos.insertIfAbsent(todo).block(WAIT);
        assertThat(todos.findById(todo.id()).block(WAIT).name()).isEqualTo("Bread");

        current.set(Optional.empty());
        todos.removeIfPresent(todo.id()).block(WAIT);

        assertThat(item(todo.id())).containsKey(TodoItem.DELETED);
        assertThat(traceparent(todo.id())).isEmpty();
    }

    private Optional<String> traceparent(TodoId id) {
        return Optional.ofNullable(item(id).get(TodoItem.TRACEPARENT)).map(AttributeValue::s);
    }

    private Map<String, AttributeValue> item(TodoId id) {
        return client.getItem(request -> request.tableName(tableName).key(TodoItem.keyMap(LIST, id)).consistentRead(true))
                .join().item();
    }
}
