package dev.livetodos.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.RecordedWrite;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.WriteRecord;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoFixtures;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.WriteOutcome;
import dev.livetodos.testsupport.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes kept under their idempotency keys, against DynamoDB Local: kept in the write's own
 * transaction, so a write and its record exist together or not at all, and a second write under
 * the same key writes nothing.
 */
class DynamoDbRecordedWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final ListId LIST = GroceriesTable.LIST;
    private static final Person OWNER = GroceriesTable.OWNER;
    private static final Person EDITOR = GroceriesTable.EDITOR;
    private static final IdempotencyKey KEY = new IdempotencyKey("k-1");

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    private String tableName;
    private DynamoDbTodoStore store;
    private DynamoDbRecordedWrites recorded;

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
        store = new DynamoDbTodoStore(client, tableName, RETENTION, 2, Clock.fixed(NOW, ZoneOffset.UTC));
        recorded = new DynamoDbRecordedWrites(client, tableName);
    }

    private TodoRepository keeping(PersonId writer, String fingerprint) {
        return store.of(LIST, writer, Optional.of(new WriteRecord(KEY, fingerprint)));
    }

    @Test
    void aKeptWriteReadsBackWithWhatItAskedAndWhatItDid() {
        Todo milk = TodoFixtures.aTodo().withId("milk").build();

        Occupant inserted = keeping(EDITOR.id(), "create milk").insertIfAbsent(milk).block(WAIT);

        assertThat(recorded.find(EDITOR.id(), KEY).block(WAIT))
                .isEqualTo(new RecordedWrite(KEY, "create milk", new WriteOutcome.Created(((Occupant.Inserted) inserted).todo())));
        assertThat(recorded.find(OWNER.id(), KEY).block(WAIT)).isNull();
        assertThat(recorded.find(EDITOR.id(), new IdempotencyKey("k-2")).block(WAIT)).isNull();
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).key(DynamoDbRecordedWrites.key(EDITOR.id(), KEY))).join().item();
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(NOW.plus(RETENTION).getEpochSecond()));
    }

    @Test
    void updatesAndDeletesAreKeptWithTheirSeqs() {
        Todo milk = ((Occupant.Inserted) store.of(LIST, EDITOR.id()).insertIfAbsent(TodoFixtures.aTodo().withId("milk").build())
                .block(WAIT)).todo();
        Todo bread = ((Occupant.Inserted) store.of(LIST, EDITOR.id()).insertIfAbsent(TodoFixtures.aTodo().withId("bread").build())
                .block(WAIT)).todo();

        List<Todo> updated = store.of(LIST, EDITOR.id(), Optional.of(new WriteRecord(new IdempotencyKey("u"), "update")))
                .updateAll(List.of(milk.apply(TodoChanges.of("Oat milk", null), NOW))).block(WAIT);
        Long deletedAt = store.of(LIST, EDITOR.id(), Optional.of(new WriteRecord(new IdempotencyKey("d"), "delete")))
                .removeIfPresent(bread.id()).block(WAIT);

        assertThat(recorded.find(EDITOR.id(), new IdempotencyKey("u")).block(WAIT).outcome()).isEqualTo(new WriteOutcome.Updated(updated));
        assertThat(recorded.find(EDITOR.id(), new IdempotencyKey("d")).block(WAIT).outcome())
                .isEqualTo(new WriteOutcome.Deleted(List.of(TodoId.of("bread")), deletedAt));
        assertThat(deletedAt).isEqualTo(4);
    }

    @Test
    void aSecondWriteUnderAKeptKeyWritesNothingAndFailsAsARace() {
        keeping(EDITOR.id(), "create milk").insertIfAbsent(TodoFixtures.aTodo().withId("milk").build()).block(WAIT);
        long seq = store.of(LIST, EDITOR.id()).seq().block(WAIT);

        StepVerifier.create(keeping(EDITOR.id(), "create milk").insertIfAbsent(TodoFixtures.aTodo().withId("bread").build()))
                .expectError(ConcurrentUpdateException.class)
                .verify(WAIT);

        assertThat(store.of(LIST, EDITOR.id()).findById(TodoId.of("bread")).block(WAIT)).isNull();
        assertThat(store.of(LIST, EDITOR.id()).seq().block(WAIT)).isEqualTo(seq);
    }

    @Test
    void aWriteThatFailsKeepsNothing() {
        Todo ghost = TodoFixtures.aTodo().withId("ghost").build();

        StepVerifier.create(keeping(EDITOR.id(), "update ghost").updateAll(List.of(ghost.apply(TodoChanges.of("x", null), NOW))))
                .expectError(ConcurrentUpdateException.class)
                .verify(WAIT);

        assertThat(recorded.find(EDITOR.id(), KEY).block(WAIT)).isNull();
    }
}
