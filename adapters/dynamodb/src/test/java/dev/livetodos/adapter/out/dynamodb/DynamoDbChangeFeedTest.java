package dev.livetodos.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.out.ChangesPage;
import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoFixtures;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.TodoStatus;
import dev.livetodos.testsupport.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The per-list sequence and the change feed against DynamoDB Local: every write takes its list's
 * next numbers in its own transaction, whoever writes and however many write at once, and the feed
 * from any cursor gives every later change once, in order, deletes included.
 */
class DynamoDbChangeFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final ListId LIST = GroceriesTable.LIST;
    private static final Person OWNER = GroceriesTable.OWNER;
    private static final Person EDITOR = GroceriesTable.EDITOR;

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    private String tableName;

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
    }

    /** A store as one server process has it: its own memory of seqs and its own turns. */
    private DynamoDbTodoStore aProcess() {
        return new DynamoDbTodoStore(client, tableName, Duration.ofDays(7), 2, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Todo aTodo(String name) {
        return TodoFixtures.aTodo().withId(TodoId.random().value()).withName(name).build();
    }

    @Test
    void twentyWritersOnOneListAtOnceTakeExactlyTheNumbersOneToNWithNoGapOrTwice() {
        int writers = 20;
        int writesEach = 6;
        // Four processes of five writers: within a process writes to a list take turns, across
        // processes only the seq condition keeps them apart.
        List<TodoRepository> processes = IntStream.range(0, 4).mapToObj(i -> aProcess().of(LIST, EDITOR.id())).toList();

        List<Long> seqs = Flux.range(0, writers)
                .flatMap(writer -> writeSome(processes.get(writer % processes.size()), writer, writesEach), writers)
                .collectList()
                .block(WAIT);

        long n = (long) writers * writesEach;
        assertThat(seqs).hasSize((int) n).doesNotHaveDuplicates();
        assertThat(seqs.stream().sorted().toList()).isEqualTo(LongStream.rangeClosed(1, n).boxed().toList());
        assertThat(aProcess().of(LIST, EDITOR.id()).seq().block(WAIT)).isEqualTo(n);
        assertThat(aProcess().of(LIST, EDITOR.id()).readAll().block(WAIT).seq()).isEqualTo(n);
    }

    /** One writer's writes, one after another: create, update, and every third one deleted; emits each write's seq. */
    private static Flux<Long> writeSome(TodoRepository todos, int writer, int count) {
        return Flux.range(0, count / 2).concatMap(i -> {
            Todo todo = aTodo("writer " + writer + " todo " + i);
            return todos.insertIfAbsent(todo)
                    .map(occupant -> ((Occupant.Inserted) occupant).todo())
                    .flatMapMany(created -> {
                        Mono<Long> next = i % 3 == 2
                                ? todos.removeIfPresent(created.id())
                                : todos.updateAll(List.of(created.apply(TodoChanges.of(null, "completed"), NOW)))
                                        .map(updated -> updated.get(0).seq());
                        return Flux.concat(Mono.just(created.seq()), next);
                    });
        });
    }

    @Test
    void theFeedFromAnyCursorGivesEveryLaterChangeOnceInOrderWithDeletesAsTombstones() {
        TodoRepository todos = aProcess().of(LIST, EDITOR.id());
        // 60 writes: 30 creates, every second todo then updated, every third deleted.
        Map<TodoId, TodoChange> last = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            Todo created = ((Occupant.Inserted) todos.insertIfAbsent(aTodo("todo " + i)).block(WAIT)).todo();
            last.put(created.id(), new TodoChange.Upserted(created));
        }
        List<Todo> createdTodos = last.values().stream().map(change -> ((TodoChange.Upserted) change).todo()).toList();
        for (int i = 0; i < 30; i += 2) {
            Todo updated = todos.updateAll(List.of(createdTodos.get(i).apply(
                    TodoChanges.of("renamed " + i, null), NOW))).block(WAIT).get(0);
            last.put(updated.id(), new TodoChange.Upserted(updated));
        }
        for (int i = 0; i < 30; i += 3) {
            TodoId id = createdTodos.get(i).id();
            Long seq = todos.removeIfPresent(id).block(WAIT);
            long version = last.get(id).version() + 1;
            last.put(id, new TodoChange.Deleted(id, version, seq));
        }
        long n = todos.seq().block(WAIT);
        assertThat(n).isEqualTo(30 + 15 + 10);

        for (long cursor = 0; cursor <= n; cursor++) {
            long after = cursor;
            List<TodoChange> expected = last.values().stream().filter(change -> change.seq() > after)
                    .sorted(Comparator.comparingLong(TodoChange::seq)).toList();
            assertThat(readFeed(todos, cursor, 7)).as("the feed after %d", cursor).isEqualTo(expected);
        }
    }

    @Test
    void tombstonesAreHiddenFromEveryReadButInTheFeed() {
        TodoRepository todos = aProcess().of(LIST, EDITOR.id());
        Todo kept = ((Occupant.Inserted) todos.insertIfAbsent(aTodo("kept")).block(WAIT)).todo();
        Todo gone = ((Occupant.Inserted) todos.insertIfAbsent(aTodo("gone")).block(WAIT)).todo();
        long deletedAt = todos.removeIfPresent(gone.id()).block(WAIT);

        TodosAt read = todos.readAll().block(WAIT);

        assertThat(read.todos()).containsExactly(kept);
        assertThat(read.seq()).isEqualTo(deletedAt).isEqualTo(3);
        assertThat(todos.findById(gone.id()).block(WAIT)).isNull();
        assertThat(todos.findAllById(List.of(gone.id(), kept.id())).collectList().block(WAIT)).containsExactly(kept);
        assertThat(todos.changesAfter(0, 10).block(WAIT).changes())
                .containsExactly(new TodoChange.Upserted(kept), new TodoChange.Deleted(gone.id(), 2, 3));
    }

    @Test
    void aBatchTakesOneNumberPerTodoInTheOrderGiven() {
        TodoRepository todos = aProcess().of(LIST, EDITOR.id());
        List<Todo> created = IntStream.range(0, 5)
                .mapToObj(i -> ((Occupant.Inserted) todos.insertIfAbsent(aTodo("t" + i)).block(WAIT)).todo()).toList();

        List<Todo> updated = todos.updateAll(created.stream()
                .map(todo -> todo.apply(TodoChanges.of(null, "completed"), NOW)).toList()).block(WAIT);
        long afterDelete = todos.deleteAll(updated.subList(0, 2)).block(WAIT);

        assertThat(updated).extracting(Todo::seq).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(afterDelete).isEqualTo(12);
        assertThat(todos.changesAfter(9, 10).block(WAIT).changes()).extracting(TodoChange::seq).containsExactly(10L, 11L, 12L);
    }

    @Test
    void aRenameOfTheListTakesTheNextNumberAndAWriteAfterItFollowsOn() {
        DynamoDbTodoStore process = aProcess();
        TodoRepository todos = process.of(LIST, EDITOR.id());
        todos.insertIfAbsent(aTodo("one")).block(WAIT);
        DynamoDbLists lists = new DynamoDbLists(client, tableName);
        TodoList list = lists.find(LIST).block(WAIT);

        lists.rename(list.renamed("Food")).block(WAIT);
        // This process remembers seq 1; the rename took 2: the write learns it and takes 3.
        Todo after = ((Occupant.Inserted) todos.insertIfAbsent(aTodo("two")).block(WAIT)).todo();

        assertThat(lists.find(LIST).block(WAIT).seq()).isEqualTo(3);
        assertThat(after.seq()).isEqualTo(3);
    }

    @Test
    void aTodoWrittenBeforeTheFeedIsInTheFullReadButNotTheFeedUntilItsNextWrite() {
        Todo old = aTodo("from version 1");
        client.putItem(request -> request.tableName(tableName).item(TodoItem.itemOf(LIST, old))).join();
        TodoRepository todos = aProcess().of(LIST, EDITOR.id());

        assertThat(todos.readAll().block(WAIT)).isEqualTo(new TodosAt(0, List.of(old)));
        assertThat(todos.changesAfter(0, 10).block(WAIT).changes()).isEmpty();

        Todo completed = todos.updateAll(List.of(old.apply(TodoChanges.of(null, "completed"), NOW)))
                .block(WAIT).get(0);
        assertThat(todos.changesAfter(0, 10).block(WAIT).changes()).containsExactly(new TodoChange.Upserted(completed));
    }

    /** The feed after {@code cursor}, page by page of {@code limit}, until it says there is no more. */
    private static List<TodoChange> readFeed(TodoRepository todos, long cursor, int limit) {
        List<TodoChange> all = new ArrayList<>();
        long after = cursor;
        for (int pages = 0; pages < 1_000; pages++) {
            ChangesPage page = todos.changesAfter(after, limit).block(WAIT);
            all.addAll(page.changes());
            if (!page.changes().isEmpty()) {
                after = page.changes().get(page.changes().size() - 1).seq();
            }
            if (!page.more()) {
                return all;
            }
        }
        throw new AssertionError("the feed after " + cursor + " never ended");
    }
}
