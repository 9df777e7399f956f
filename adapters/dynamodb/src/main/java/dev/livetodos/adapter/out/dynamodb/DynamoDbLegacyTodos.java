package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.domain.model.ListId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The todos version 1 kept under its one partition ({@code TODOS#default}), moved into a list
 * of version 2. Each todo (and each tombstone, so a deleted id keeps its version) moves whole: it
 * is written under the list and removed from the old partition in one transaction, so a crash
 * halfway leaves every todo in exactly one place, and moving again finishes the job. An item the
 * list holds under the same id is replaced: meant for a list that holds none of them (todo ids
 * are the clients' UUIDs).
 */
public final class DynamoDbLegacyTodos {

    /** Todos moved per transaction: two actions each, DynamoDB takes 100. */
    static final int MOVES_PER_TRANSACTION = 50;

    private final DynamoDbAsyncClient client;
    private final String tableName;

    public DynamoDbLegacyTodos(DynamoDbAsyncClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /** Moves every version-1 todo into the list; emits how many moved (0 when there were none). */
    public Mono<Long> moveInto(ListId list) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TodoItem.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TodoItem.LEGACY_PARTITION)))
                .consistentRead(true)
                .build();
        return Flux.from(client.queryPaginator(query).items())
                .buffer(MOVES_PER_TRANSACTION)
                .concatMap(items -> move(items, list).thenReturn((long) items.size()))
                .reduce(0L, Long::sum)
                .onErrorMap(StoreErrors::translate);
    }

    private Mono<Void> move(List<Map<String, AttributeValue>> items, ListId list) {
        List<TransactWriteItem> actions = new ArrayList<>(items.size() * 2);
        for (Map<String, AttributeValue> item : items) {
            Map<String, AttributeValue> moved = new HashMap<>(item);
            moved.put(TodoItem.PK, AttributeValue.fromS(TodoItem.partitionKey(list)));
            actions.add(TransactWriteItem.builder().put(Put.builder()
                    .tableName(tableName)
                    .item(moved)
                    .build()).build());
            actions.add(TransactWriteItem.builder().delete(Delete.builder()
                    .tableName(tableName)
                    .key(Map.of(TodoItem.PK, item.get(TodoItem.PK), TodoItem.SK, item.get(TodoItem.SK)))
                    .build()).build());
        }
        return Mono.fromFuture(() -> client.transactWriteItems(request -> request.transactItems(actions))).then();
    }
}
