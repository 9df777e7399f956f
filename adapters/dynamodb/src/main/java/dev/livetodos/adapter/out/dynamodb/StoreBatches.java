package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Batch reads and writes that finish: DynamoDB may hand back part of a batch unprocessed when a
 * partition is busy, and then the rest is asked again, with a growing pause, a bounded number of
 * times; after that the store counts as overloaded. Also what a cancelled transaction means.
 */
final class StoreBatches {

    /** DynamoDB's limits per call. */
    static final int MAX_GET_KEYS = 100;
    static final int MAX_WRITE_REQUESTS = 25;
    static final int MAX_TRANSACTION_ITEMS = 100;

    private static final int ATTEMPTS = 8;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
    private static final Set<String> RACE_REASONS = Set.of("ConditionalCheckFailed", "TransactionConflict");

    private StoreBatches() {
    }

    /** The items under these keys that exist, strongly consistent, in no particular order. */
    static Flux<Map<String, AttributeValue>> getAll(DynamoDbAsyncClient client, String table, Collection<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> all = List.copyOf(keys);
        return Flux.range(0, (all.size() + MAX_GET_KEYS - 1) / MAX_GET_KEYS)
                .concatMap(chunk -> get(client, table, all.subList(chunk * MAX_GET_KEYS, Math.min(all.size(), (chunk + 1) * MAX_GET_KEYS)), 1));
    }

    private static Flux<Map<String, AttributeValue>> get(DynamoDbAsyncClient client, String table,
                                                         List<Map<String, AttributeValue>> keys, int attempt) {
        return Mono.fromFuture(() -> client.batchGetItem(request -> request.requestItems(
                        Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build()))))
                .onErrorMap(StoreErrors::translate)
                .flatMapMany(response -> {
                    Flux<Map<String, AttributeValue>> found = Flux.fromIterable(response.responses().getOrDefault(table, List.of()));
                    List<Map<String, AttributeValue>> left = unprocessed(response, table);
                    return left.isEmpty() ? found : found.concatWith(again(attempt, () -> get(client, table, left, attempt + 1)));
                });
    }

    private static List<Map<String, AttributeValue>> unprocessed(BatchGetItemResponse response, String table) {
        KeysAndAttributes left = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
        return left == null || !left.hasKeys() ? List.of() : left.keys();
    }

    /** Deletes the items under these keys, whatever they hold, in batches of 25. */
    static Mono<Void> deleteAll(DynamoDbAsyncClient client, String table, List<Map<String, AttributeValue>> keys) {
        return Flux.range(0, (keys.size() + MAX_WRITE_REQUESTS - 1) / MAX_WRITE_REQUESTS)
                .concatMap(chunk -> write(client, table, keys.subList(chunk * MAX_WRITE_REQUESTS,
                        Math.min(keys.size(), (chunk + 1) * MAX_WRITE_REQUESTS)).stream()
                        .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                        .toList(), 1))
                .then();
    }

    private static Mono<Void> write(DynamoDbAsyncClient client, String table, List<WriteRequest> requests, int attempt) {
        return Mono.fromFuture(() -> client.batchWriteItem(request -> request.requestItems(Map.of(table, requests))))
                .onErrorMap(StoreErrors::translate)
                .flatMap(response -> {
                    List<WriteRequest> left = unprocessed(response, table);
                    return left.isEmpty() ? Mono.<Void>empty() : again(attempt, () -> write(client, table, left, attempt + 1)).then();
                });
    }

    private static List<WriteRequest> unprocessed(BatchWriteItemResponse response, String table) {
        return response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
    }

    private static <T> Flux<T> again(int attempt, Supplier<Publisher<T>> next) {
        if (attempt >= ATTEMPTS) {
            return Flux.error(new StoreUnavailableException("The store kept part of a batch unprocessed.", null));
        }
        return Mono.delay(FIRST_PAUSE.multipliedBy(1L << (attempt - 1))).thenMany(Flux.defer(next));
    }

    /**
     * The codes of a cancelled transaction's items, in request order ({@code None} for those that
     * were fine), or empty when the error is not a cancelled transaction.
     */
    static List<String> cancellationCodes(Throwable error) {
        if (error instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
            List<String> codes = new ArrayList<>();
            for (CancellationReason reason : cancelled.cancellationReasons()) {
                codes.add(reason.code() == null ? "None" : reason.code());
            }
            return codes;
        }
        return List.of();
    }

    /**
     * What a failed transaction means to the core: a condition that failed or another
     * transaction in the way is a race ({@link ConcurrentUpdateException}); anything else is the
     * store's trouble.
     */
    static Throwable translateTransaction(Throwable thrown, String what) {
        Throwable error = StoreErrors.unwrap(thrown);
        List<String> codes = cancellationCodes(error);
        if (codes.stream().anyMatch(RACE_REASONS::contains) || error instanceof TransactionConflictException) {
            return new ConcurrentUpdateException("Another writer changed " + what + " at the same time.");
        }
        if (error instanceof TransactionCanceledException) {
            return new StoreUnavailableException("The store turned the write of " + what + " down.", error);
        }
        return StoreErrors.translate(error);
    }
}
