package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Todos of an earlier version moved into a list of this one: those version 1 kept under its one
 * partition ({@code TODOS#default}) and those of another list (the shared list the step before
 * sign-in served). Each todo (and each tombstone, so a deleted id keeps its version) moves whole:
 * it is written under the list and removed from where it was in one transaction, so a crash
 * halfway leaves every todo in exactly one place, and moving again finishes the job. The removal
 * is conditional on the todo still being there, so two movers at once never write a todo twice
 * (the second one's transaction fails and it reads again). An item the list holds under the same
 * id is replaced: meant for a list that holds none of them (todo ids are the clients' UUIDs).
 *
 * <p>The move happens once per table, into the list of whoever wins the <b>claim</b>: one item,
 * {@code HANDOVER#legacy-todos} / {@code META} with {@code listId}, {@code personId},
 * {@code claimedAt} and, once every todo has moved, {@code doneAt}. It is written only if it is
 * not there, so of two servers (or Lambdas) that try at once exactly one moves the todos; a claim
 * without {@code doneAt} is a move that stopped half-way, and its list is where the rest goes.
 */
public final class DynamoDbLegacyTodos {

    /** Todos moved per transaction: two actions each, DynamoDB takes 100. */
    static final int MOVES_PER_TRANSACTION = 50;

    static final String CLAIM_PARTITION = "HANDOVER#legacy-todos";
    static final String CLAIMED_AT = "claimedAt";
    static final String DONE_AT = "doneAt";

    /** Fresh reads a move makes when another mover took todos from under it. */
    private static final int RACES = 5;

    private final DynamoDbAsyncClient client;
    private final String tableName;

    public DynamoDbLegacyTodos(DynamoDbAsyncClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /** Moves every version-1 todo into the list; emits how many moved (0 when there were none). */
    public Mono<Long> moveInto(ListId list) {
        return move(() -> query(TodoItem.LEGACY_PARTITION, null, null), list);
    }

    /** Moves every todo and tombstone of the list {@code from} into {@code to}; emits how many moved. */
    public Mono<Long> moveTodos(ListId from, ListId to) {
        return move(() -> query(TodoItem.partitionKey(from), TodoItem.SORT_PREFIX, null), to);
    }

    /** Whether any version-1 todo or tombstone is left under its partition. */
    public Mono<Boolean> anyOfVersionOne() {
        return QueryPages.items(client.queryPaginator(query(TodoItem.LEGACY_PARTITION, null, 1)))
                .hasElements()
                .onErrorMap(StoreErrors::translate);
    }

    /**
     * Claims the one move for the list {@code to} of {@code person}: true when this call wrote
     * the claim, false when someone claimed it before (whether or not they have finished).
     */
    public Mono<Boolean> claim(ListId to, PersonId person, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(ListItems.key(CLAIM_PARTITION, ListItems.META));
        item.put(ListItems.LIST_ID, ListItems.s(to.value()));
        item.put(ListItems.PERSON_ID, ListItems.s(person.value()));
        item.put(CLAIMED_AT, ListItems.s(now.toString()));
        return Mono.fromFuture(() -> client.putItem(request -> request.tableName(tableName).item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", TodoItem.PK))))
                .thenReturn(true)
                .onErrorMap(StoreErrors::unwrap)
                .onErrorResume(ConditionalCheckFailedException.class, taken -> Mono.just(false))
                .onErrorMap(StoreErrors::translate);
    }

    /** The state of the claim: absent, unfinished (a list to finish moving into), or done. */
    public Mono<Claim> claimState() {
        return Mono.fromFuture(() -> client.getItem(request -> request.tableName(tableName)
                        .key(ListItems.key(CLAIM_PARTITION, ListItems.META)).consistentRead(true)))
                .map(DynamoDbLegacyTodos::claimOf)
                .onErrorMap(StoreErrors::translate);
    }

    private static Claim claimOf(GetItemResponse response) {
        if (!response.hasItem()) {
            return Claim.NONE;
        }
        Map<String, AttributeValue> item = response.item();
        return new Claim(true, new ListId(item.get(ListItems.LIST_ID).s()), item.containsKey(DONE_AT));
    }

    /** Records that everything has moved under the claim. */
    public Mono<Void> finishClaim(Instant now) {
        return Mono.fromFuture(() -> client.updateItem(request -> request.tableName(tableName)
                        .key(ListItems.key(CLAIM_PARTITION, ListItems.META))
                        .conditionExpression("attribute_exists(#pk)")
                        .updateExpression("SET #done = :now")
                        .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#done", DONE_AT))
                        .expressionAttributeValues(Map.of(":now", ListItems.s(now.toString())))))
                .then()
                .onErrorMap(StoreErrors::translate);
    }

    /**
     * What is known of the one move: whether it was claimed, into which list, and whether it is
     * done. {@code list} is null when nothing was claimed.
     */
    public record Claim(boolean claimed, ListId list, boolean done) {

        static final Claim NONE = new Claim(false, null, false);
    }

    private QueryRequest query(String partition, String sortPrefix, Integer limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).consistentRead(true).limit(limit);
        if (sortPrefix == null) {
            query.keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", TodoItem.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)));
        } else {
            query.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#sk", TodoItem.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition), ":prefix", AttributeValue.fromS(sortPrefix)));
        }
        return query.build();
    }

    private Mono<Long> move(Supplier<QueryRequest> query, ListId list) {
        AtomicLong moved = new AtomicLong();
        return Flux.defer(() -> QueryPages.items(client.queryPaginator(query.get())))
                .buffer(MOVES_PER_TRANSACTION)
                .concatMap(items -> move(items, list).doOnSuccess(done -> moved.addAndGet(items.size())))
                .then(Mono.fromSupplier(moved::get))
                // Another mover took some of these first: read what is left, and move that.
                .retryWhen(Retry.backoff(RACES, Duration.ofMillis(50)).filter(ConcurrentUpdateException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorMap(error -> error instanceof ConcurrentUpdateException ? error : StoreErrors.translate(error));
    }

    private Mono<Void> move(List<Map<String, AttributeValue>> items, ListId list) {
        List<TransactWriteItem> actions = new ArrayList<>(items.size() * 2);
        for (Map<String, AttributeValue> item : items) {
            Map<String, AttributeValue> moved = new HashMap<>(item);
            moved.put(TodoItem.PK, AttributeValue.fromS(TodoItem.partitionKey(list)));
            // Its seq counted the writes of the list it came from; it arrives as a todo from
            // before the destination's feed (which its first write there numbers).
            moved.remove(TodoItem.SEQ);
            actions.add(TransactWriteItem.builder().put(Put.builder()
                    .tableName(tableName)
                    .item(moved)
                    .build()).build());
            actions.add(TransactWriteItem.builder().delete(Delete.builder()
                    .tableName(tableName)
                    .key(Map.of(TodoItem.PK, item.get(TodoItem.PK), TodoItem.SK, item.get(TodoItem.SK)))
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TodoItem.PK))
                    .build()).build());
        }
        return Mono.fromFuture(() -> client.transactWriteItems(request -> request.transactItems(actions)))
                .then()
                .onErrorMap(error -> StoreBatches.translateTransaction(error, "the todos being moved into the list " + list));
    }
}
