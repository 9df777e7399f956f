package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.application.port.out.RecordedWrite;
import dev.livetodos.application.port.out.RecordedWrites;
import dev.livetodos.application.port.out.WriteRecord;
import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.WriteOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Writes kept under their sender's idempotency key, in the todo table: {@code pk = WRITE#<key>},
 * {@code sk = PERSON#<personId>} (a key is its sender's: two people may pick the same), with
 * {@code fingerprint} (what the write asked for), {@code kind} ({@code created}, {@code updated},
 * {@code deleted}), the todos it wrote as their items ({@code todos}) or the ids it deleted
 * ({@code ids}) and the list's seq after ({@code seqAfter}), and {@code expiresAt}, after which time to live
 * removes it. The todo store writes one in the transaction of the write it keeps
 * ({@link #put}); this reads them.
 */
public final class DynamoDbRecordedWrites implements RecordedWrites {

    static final String PARTITION_PREFIX = "WRITE#";
    static final String SORT_PREFIX = "PERSON#";
    static final String FINGERPRINT = "fingerprint";
    static final String KIND = "kind";
    static final String TODOS = "todos";
    static final String IDS = "ids";
    /** The list's seq after a delete; not named {@code seq}, which would put the record in the change feed's index. */
    static final String SEQ_AFTER = "seqAfter";

    private final DynamoDbAsyncClient client;
    private final String tableName;

    public DynamoDbRecordedWrites(DynamoDbAsyncClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public Mono<RecordedWrite> find(PersonId person, IdempotencyKey key) {
        return Mono.fromFuture(() -> client.getItem(request -> request.tableName(tableName).key(key(person, key)).consistentRead(true)))
                .filter(response -> response.hasItem() && !response.item().isEmpty())
                .map(response -> read(key, response.item()))
                .onErrorMap(StoreErrors::translate);
    }

    static Map<String, AttributeValue> key(PersonId person, IdempotencyKey key) {
        return Map.of(TodoItem.PK, AttributeValue.fromS(PARTITION_PREFIX + key.value()),
                TodoItem.SK, AttributeValue.fromS(SORT_PREFIX + person.value()));
    }

    /** The record of this write, put only if the person has none under the key yet. */
    static TransactWriteItem put(String tableName, ListId list, PersonId person, WriteRecord record, WriteOutcome outcome,
                                 long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(person, record.key()));
        item.put(FINGERPRINT, AttributeValue.fromS(record.fingerprint()));
        item.put(TodoItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
        if (outcome instanceof WriteOutcome.Created created) {
            item.put(KIND, AttributeValue.fromS("created"));
            item.put(TODOS, AttributeValue.fromL(List.of(AttributeValue.fromM(TodoItem.itemOf(list, created.todo())))));
        } else if (outcome instanceof WriteOutcome.Updated updated) {
            item.put(KIND, AttributeValue.fromS("updated"));
            item.put(TODOS, AttributeValue.fromL(updated.todos().stream()
                    .map(todo -> AttributeValue.fromM(TodoItem.itemOf(list, todo))).toList()));
        } else {
            WriteOutcome.Deleted deleted = (WriteOutcome.Deleted) outcome;
            item.put(KIND, AttributeValue.fromS("deleted"));
            item.put(IDS, AttributeValue.fromL(deleted.ids().stream().map(id -> AttributeValue.fromS(id.value())).toList()));
            item.put(SEQ_AFTER, AttributeValue.fromN(Long.toString(deleted.seq())));
        }
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", TodoItem.PK))
                .build()).build();
    }

    private static RecordedWrite read(IdempotencyKey key, Map<String, AttributeValue> item) {
        String kind = item.get(KIND).s();
        WriteOutcome outcome = switch (kind) {
            case "created" -> new WriteOutcome.Created(todos(item).get(0));
            case "updated" -> new WriteOutcome.Updated(todos(item));
            case "deleted" -> new WriteOutcome.Deleted(item.get(IDS).l().stream().map(id -> new TodoId(id.s())).toList(),
                    Long.parseLong(item.get(SEQ_AFTER).n()));
            default -> throw new IllegalStateException("a kept write of an unknown kind: " + kind);
        };
        return new RecordedWrite(key, item.get(FINGERPRINT).s(), outcome);
    }

    private static List<Todo> todos(Map<String, AttributeValue> item) {
        return item.get(TODOS).l().stream().map(todo -> TodoItem.SCHEMA.mapToItem(todo.m()).toTodo()).toList();
    }
}
