package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.StoreUnavailableException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolBuilder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactGetItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Todos in one DynamoDB table through the enhanced async client. Reads are strongly consistent;
 * every write is conditional, so a write based on a state that has since changed writes nothing.
 *
 * <p>Several todos are read and written together in one transaction. One todo skips it: a single
 * strongly consistent GetItem is a snapshot by itself, and a single conditional PutItem or
 * DeleteItem is all or nothing by itself, so the guarantees are the same; a transaction costs
 * twice the capacity, and DynamoDB Local runs it far slower.
 */
public final class DynamoDbTodoRepository implements TodoRepository {

    /** The list every todo belongs to until todos are kept per user. */
    public static final String DEFAULT_LIST = "default";

    /** DynamoDB's limit of items in one transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    private static final Set<String> RACE_REASONS = Set.of("ConditionalCheckFailed", "TransactionConflict");

    /** Whole-list reads that may wait for their turn; beyond that the store counts as overloaded. */
    static final int MAX_WAITING_LISTINGS = 1_000;

    private final DynamoDbEnhancedAsyncClient enhanced;
    private final DynamoDbAsyncTable<TodoItem> table;
    private final String list;
    private final InstrumentedPool<Object> listings;

    /** A repository that reads at most as many whole lists at once as this machine has processors. */
    public DynamoDbTodoRepository(DynamoDbEnhancedAsyncClient enhanced, String tableName) {
        this(enhanced, tableName, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A repository that runs at most {@code concurrentListings} whole-list queries at the same
     * time; the others wait in order of arrival, and the store's call timeout only starts when
     * their query does. Every listing holds the whole list in memory and unmarshalling it is pure
     * processor work, so more of them at once only makes each slower, multiplies the memory held
     * and, past the call timeout, turns complete answers into errors.
     */
    public DynamoDbTodoRepository(DynamoDbEnhancedAsyncClient enhanced, String tableName, int concurrentListings) {
        if (concurrentListings < 1) {
            throw new IllegalArgumentException("concurrentListings must be at least 1, was " + concurrentListings);
        }
        this.enhanced = enhanced;
        this.table = enhanced.table(tableName, TodoItem.SCHEMA);
        this.list = DEFAULT_LIST;
        this.listings = PoolBuilder.from(Mono.just(new Object()))
                .sizeBetween(0, concurrentListings)
                .maxPendingAcquire(MAX_WAITING_LISTINGS)
                .buildPool();
    }

    @Override
    public Flux<Todo> findAll() {
        // The page publisher follows LastEvaluatedKey, so lists beyond DynamoDB's 1 MB page come whole.
        return listings.withPoolable(turn -> Flux.from(table.query(request -> request
                                .queryConditional(QueryConditional.keyEqualTo(key -> key.partitionValue(TodoItem.partitionKey(list))))
                                .consistentRead(true))
                        .items()))
                .map(TodoItem::toTodo)
                .onErrorMap(PoolAcquirePendingLimitException.class,
                        full -> new StoreUnavailableException("Too many lists are being read at the moment.", full))
                .onErrorMap(StoreErrors::translate);
    }

    @Override
    public Mono<Todo> findById(TodoId id) {
        return Mono.fromFuture(() -> table.getItem(request -> request.key(TodoItem.key(list, id)).consistentRead(true)))
                .map(TodoItem::toTodo)
                .onErrorMap(StoreErrors::translate);
    }

    @Override
    public Flux<Todo> findAllById(Collection<TodoId> ids) {
        return switch (ids.size()) {
            case 0 -> Flux.empty();
            case 1 -> findById(ids.iterator().next()).flux();
            default -> readTogether(ids);
        };
    }

    private Flux<Todo> readTogether(Collection<TodoId> ids) {
        if (ids.size() > MAX_TRANSACTION_ITEMS) {
            return Flux.error(new IllegalArgumentException("at most " + MAX_TRANSACTION_ITEMS + " todos can be read together"));
        }
        TransactGetItemsEnhancedRequest.Builder request = TransactGetItemsEnhancedRequest.builder();
        ids.forEach(id -> request.addGetItem(table, TodoItem.key(list, id)));
        TransactGetItemsEnhancedRequest snapshot = request.build();
        return Mono.fromFuture(() -> enhanced.transactGetItems(snapshot))
                .flatMapIterable(documents -> documents.stream()
                        .map(document -> document.getItem(table))
                        .filter(Objects::nonNull)
                        .map(TodoItem::toTodo)
                        .toList())
                .onErrorMap(error -> translateTransaction(error, List.copyOf(ids)));
    }

    @Override
    public Mono<Todo> insertIfAbsent(Todo todo) {
        PutItemEnhancedRequest<TodoItem> request = PutItemEnhancedRequest.builder(TodoItem.class)
                .item(TodoItem.from(list, todo))
                .conditionExpression(Expression.builder()
                        .expression("attribute_not_exists(#pk)")
                        .putExpressionName("#pk", TodoItem.PK)
                        .build())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        return Mono.fromFuture(() -> table.putItem(request))
                .then(Mono.<Todo>empty())
                .onErrorMap(StoreErrors::unwrap)
                .onErrorResume(ConditionalCheckFailedException.class, taken -> taken.hasItem()
                        ? Mono.just(TodoItem.SCHEMA.mapToItem(taken.item()).toTodo())
                        // Gone again since: read what is there, or try once more if nothing is.
                        : findById(todo.id()).switchIfEmpty(Mono.defer(() -> insertIfAbsent(todo))))
                .onErrorMap(StoreErrors::translate);
    }

    @Override
    public Mono<Void> updateAll(List<Todo> updated) {
        if (updated.size() == 1) {
            return updateOne(updated.get(0));
        }
        return writeTogether(updated, (request, todo) -> request.addPutItem(table,
                TransactPutItemEnhancedRequest.builder(TodoItem.class)
                        .item(TodoItem.from(list, todo))
                        .conditionExpression(versionIs(todo.version() - 1))
                        .build()));
    }

    @Override
    public Mono<Void> deleteAll(List<Todo> existing) {
        if (existing.size() == 1) {
            return deleteOne(existing.get(0));
        }
        return writeTogether(existing, (request, todo) -> request.addDeleteItem(table,
                TransactDeleteItemEnhancedRequest.builder()
                        .key(TodoItem.key(list, todo.id()))
                        .conditionExpression(versionIs(todo.version()))
                        .build()));
    }

    @Override
    public Mono<Todo> removeIfPresent(TodoId id) {
        // The enhanced client asks DeleteItem for ALL_OLD: the old item says whether there was one.
        return Mono.fromFuture(() -> table.deleteItem(TodoItem.key(list, id)))
                .map(TodoItem::toTodo)
                .onErrorMap(error -> translateOne(error, id));
    }

    private Mono<Void> updateOne(Todo todo) {
        PutItemEnhancedRequest<TodoItem> request = PutItemEnhancedRequest.builder(TodoItem.class)
                .item(TodoItem.from(list, todo))
                .conditionExpression(versionIs(todo.version() - 1))
                .build();
        return Mono.fromFuture(() -> table.putItem(request))
                .onErrorMap(error -> translateOne(error, todo.id()));
    }

    private Mono<Void> deleteOne(Todo todo) {
        DeleteItemEnhancedRequest request = DeleteItemEnhancedRequest.builder()
                .key(TodoItem.key(list, todo.id()))
                .conditionExpression(versionIs(todo.version()))
                .build();
        return Mono.fromFuture(() -> table.deleteItem(request))
                .then()
                .onErrorMap(error -> translateOne(error, todo.id()));
    }

    private Mono<Void> writeTogether(List<Todo> todos, WriteAction action) {
        if (todos.isEmpty()) {
            return Mono.empty();
        }
        if (todos.size() > MAX_TRANSACTION_ITEMS) {
            return Mono.error(new IllegalArgumentException("at most " + MAX_TRANSACTION_ITEMS + " todos can be written together"));
        }
        TransactWriteItemsEnhancedRequest.Builder request = TransactWriteItemsEnhancedRequest.builder();
        todos.forEach(todo -> action.add(request, todo));
        TransactWriteItemsEnhancedRequest transaction = request.build();
        List<TodoId> ids = todos.stream().map(Todo::id).toList();
        return Mono.fromFuture(() -> enhanced.transactWriteItems(transaction))
                .onErrorMap(error -> translateTransaction(error, ids));
    }

    private static Expression versionIs(long version) {
        return Expression.builder()
                .expression("#version = :version")
                .putExpressionName("#version", TodoItem.VERSION)
                .putExpressionValue(":version", AttributeValue.fromN(Long.toString(version)))
                .build();
    }

    /** Cancellation reasons come one per item, in request order: they name the todos that raced. */
    private static Throwable translateTransaction(Throwable thrown, List<TodoId> ids) {
        Throwable error = StoreErrors.unwrap(thrown);
        if (error instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            List<TodoId> raced = IntStream.range(0, Math.min(reasons.size(), ids.size()))
                    .filter(i -> RACE_REASONS.contains(reasons.get(i).code()))
                    .mapToObj(ids::get)
                    .toList();
            if (!raced.isEmpty()) {
                return anotherWriterChanged(raced);
            }
            return new StoreUnavailableException("The todo store turned the write down.", error);
        }
        if (error instanceof TransactionConflictException) {
            return anotherWriterChanged(ids);
        }
        return StoreErrors.translate(error);
    }

    /** A failed condition on one todo, or a transaction holding it, is the race a transaction reports. */
    private static Throwable translateOne(Throwable thrown, TodoId id) {
        Throwable error = StoreErrors.unwrap(thrown);
        if (error instanceof ConditionalCheckFailedException || error instanceof TransactionConflictException) {
            return anotherWriterChanged(List.of(id));
        }
        return StoreErrors.translate(error);
    }

    private static ConcurrentUpdateException anotherWriterChanged(List<TodoId> ids) {
        return new ConcurrentUpdateException("Another writer changed " + join(ids) + " at the same time.");
    }

    private static String join(List<TodoId> ids) {
        return ids.stream().map(TodoId::value).collect(Collectors.joining(", "));
    }

    @FunctionalInterface
    private interface WriteAction {
        void add(TransactWriteItemsEnhancedRequest.Builder request, Todo todo);
    }
}
