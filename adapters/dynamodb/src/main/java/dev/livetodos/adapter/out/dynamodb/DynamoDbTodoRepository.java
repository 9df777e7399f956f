package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.StoreUnavailableException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolBuilder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Todos in one DynamoDB table. Reads are strongly consistent; every write is conditional, so a
 * write based on a state that has since changed writes nothing. Writes go through the enhanced
 * async client, reads and the one-call delete through the low-level one.
 *
 * <p>A delete leaves a tombstone (see {@link TodoItem}) that DynamoDB's time to live removes
 * after the retention; no read shows it, and a create under its id continues its version.
 *
 * <p>Reads go through the low-level client and map each item themselves, so one item this server
 * cannot read (see {@link StoredItem}) costs only itself: a whole-list read skips it and logs its
 * key once (a bounded memory of keys keeps repeated reads from flooding the log); a read of that
 * one todo, and any write that would replace it, fails with {@link UnreadableTodoException}, a
 * server error, and writes nothing. Deleting it by id turns it into a tombstone like any todo,
 * which is how it can be cleared through the API.
 *
 * <p>Several todos are read and written together in one transaction. One todo skips it: a single
 * strongly consistent GetItem is a snapshot by itself, and a single conditional PutItem or
 * UpdateItem is all or nothing by itself, so the guarantees are the same; a transaction costs
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

    /** How long a deleted todo's tombstone is kept unless told otherwise. */
    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofDays(7);

    /** Keys of unreadable items already logged; beyond this many the oldest is forgotten. */
    static final int REMEMBERED_UNREADABLE_KEYS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(DynamoDbTodoRepository.class);

    private final DynamoDbAsyncClient client;
    private final DynamoDbEnhancedAsyncClient enhanced;
    private final DynamoDbAsyncTable<TodoItem> table;
    private final String tableName;
    private final String list;
    private final Duration tombstoneRetention;
    private final Clock clock;
    private final InstrumentedPool<Object> listings;
    private final Set<String> reportedUnreadable = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_UNREADABLE_KEYS;
                }
            }));

    /** A repository that keeps tombstones for {@link #DEFAULT_TOMBSTONE_RETENTION}. */
    public DynamoDbTodoRepository(DynamoDbAsyncClient client, String tableName) {
        this(client, tableName, DEFAULT_TOMBSTONE_RETENTION);
    }

    /** A repository that reads at most as many whole lists at once as this machine has processors. */
    public DynamoDbTodoRepository(DynamoDbAsyncClient client, String tableName, Duration tombstoneRetention) {
        this(client, tableName, tombstoneRetention, Math.max(2, Runtime.getRuntime().availableProcessors()), Clock.systemUTC());
    }

    /**
     * A repository that runs at most {@code concurrentListings} whole-list queries at the same
     * time; the others wait in order of arrival, and the store's call timeout only starts when
     * their query does. Every listing holds the whole list in memory and unmarshalling it is pure
     * processor work, so more of them at once only makes each slower, multiplies the memory held
     * and, past the call timeout, turns complete answers into errors.
     */
    public DynamoDbTodoRepository(DynamoDbAsyncClient client, String tableName, Duration tombstoneRetention,
                                  int concurrentListings, Clock clock) {
        if (concurrentListings < 1) {
            throw new IllegalArgumentException("concurrentListings must be at least 1, was " + concurrentListings);
        }
        if (tombstoneRetention.isNegative() || tombstoneRetention.isZero()) {
            throw new IllegalArgumentException("tombstoneRetention must be positive, was " + tombstoneRetention);
        }
        this.client = client;
        this.enhanced = DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(client).build();
        this.table = enhanced.table(tableName, TodoItem.SCHEMA);
        this.tableName = tableName;
        this.list = DEFAULT_LIST;
        this.tombstoneRetention = tombstoneRetention;
        this.clock = clock;
        this.listings = PoolBuilder.from(Mono.just(new Object()))
                .sizeBetween(0, concurrentListings)
                .maxPendingAcquire(MAX_WAITING_LISTINGS)
                .buildPool();
    }

    @Override
    public Flux<Todo> findAll() {
        // The page publisher follows LastEvaluatedKey, so lists beyond DynamoDB's 1 MB page come whole.
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .filterExpression("attribute_not_exists(#deleted)")
                .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#deleted", TodoItem.DELETED))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TodoItem.partitionKey(list))))
                .consistentRead(true)
                .build();
        return listings.withPoolable(turn -> Flux.from(client.queryPaginator(query).items()))
                .<Todo>handle((item, todos) -> {
                    StoredItem stored = StoredItem.read(item);
                    if (stored instanceof StoredItem.Live live) {
                        todos.next(live.todo());
                    } else if (stored instanceof StoredItem.Unreadable unreadable) {
                        reportSkipped(unreadable);
                    }
                })
                .onErrorMap(PoolAcquirePendingLimitException.class,
                        full -> new StoreUnavailableException("Too many lists are being read at the moment.", full))
                .onErrorMap(StoreErrors::translate);
    }

    @Override
    public Mono<Todo> findById(TodoId id) {
        return Mono.fromFuture(() -> client.getItem(request -> request
                        .tableName(tableName).key(TodoItem.keyMap(list, id)).consistentRead(true)))
                .filter(GetItemResponse::hasItem)
                .flatMap(response -> live(response.item()))
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
        TransactGetItemsRequest snapshot = TransactGetItemsRequest.builder()
                .transactItems(ids.stream()
                        .map(id -> TransactGetItem.builder().get(get -> get.tableName(tableName).key(TodoItem.keyMap(list, id))).build())
                        .toList())
                .build();
        return Mono.fromFuture(() -> client.transactGetItems(snapshot))
                .flatMapIterable(TransactGetItemsResponse::responses)
                .filter(ItemResponse::hasItem)
                .concatMap(response -> live(response.item()))
                .onErrorMap(error -> translateTransaction(error, List.copyOf(ids)));
    }

    @Override
    public Mono<Occupant> insertIfAbsent(Todo todo) {
        // Free: nothing there, or the tombstone one version before (a version-1 todo matches none).
        PutItemEnhancedRequest<TodoItem> request = PutItemEnhancedRequest.builder(TodoItem.class)
                .item(TodoItem.from(list, todo))
                .conditionExpression(Expression.builder()
                        .expression("attribute_not_exists(#pk) OR (#deleted = :true AND #version = :previous)")
                        .putExpressionName("#pk", TodoItem.PK)
                        .putExpressionName("#deleted", TodoItem.DELETED)
                        .putExpressionName("#version", TodoItem.VERSION)
                        .putExpressionValue(":true", AttributeValue.fromBool(true))
                        .putExpressionValue(":previous", AttributeValue.fromN(Long.toString(todo.version() - 1)))
                        .build())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        return Mono.fromFuture(() -> table.putItem(request))
                .then(Mono.<Occupant>empty())
                .onErrorMap(StoreErrors::unwrap)
                .onErrorResume(ConditionalCheckFailedException.class, taken -> taken.hasItem()
                        ? occupant(taken.item())
                        // Gone again since (its time to live ran out): try once more.
                        : Mono.defer(() -> insertIfAbsent(todo)))
                .onErrorMap(StoreErrors::translate);
    }

    /** What holds the id a create wanted; an item that cannot be read is never overwritten. */
    private Mono<Occupant> occupant(Map<String, AttributeValue> item) {
        StoredItem stored = StoredItem.read(item);
        if (stored instanceof StoredItem.Live live) {
            return Mono.just(new Occupant.Live(live.todo()));
        }
        if (stored instanceof StoredItem.Tombstone tombstone) {
            return Mono.just(new Occupant.Tombstone(tombstone.id(), tombstone.version()));
        }
        return Mono.error(unreadable((StoredItem.Unreadable) stored));
    }

    /** The todo an item holds; nothing for a tombstone; a server fault for an unreadable item. */
    private Mono<Todo> live(Map<String, AttributeValue> item) {
        StoredItem stored = StoredItem.read(item);
        if (stored instanceof StoredItem.Live live) {
            return Mono.just(live.todo());
        }
        if (stored instanceof StoredItem.Tombstone) {
            return Mono.empty();
        }
        return Mono.error(unreadable((StoredItem.Unreadable) stored));
    }

    private UnreadableTodoException unreadable(StoredItem.Unreadable item) {
        if (reportedUnreadable.add(item.key())) {
            log.warn("The stored item {} cannot be read as a todo, so reads of it fail: {}", item.key(), item.problem());
        }
        return new UnreadableTodoException(item);
    }

    private void reportSkipped(StoredItem.Unreadable item) {
        if (reportedUnreadable.add(item.key())) {
            log.warn("The stored item {} cannot be read as a todo, so lists leave it out: {}", item.key(), item.problem());
        }
    }

    @Override
    public Mono<Void> updateAll(List<Todo> updated) {
        if (updated.size() == 1) {
            return updateOne(updated.get(0));
        }
        return writeTogether(updated, (request, todo) -> request.addPutItem(table,
                TransactPutItemEnhancedRequest.builder(TodoItem.class)
                        .item(TodoItem.from(list, todo))
                        .conditionExpression(liveAt(todo.version() - 1))
                        .build()));
    }

    @Override
    public Mono<Void> deleteAll(List<Todo> existing) {
        if (existing.size() == 1) {
            return deleteOne(existing.get(0));
        }
        long expiresAt = tombstoneExpiry();
        // An update that sets every attribute of the tombstone and removes the rest (the nulls).
        return writeTogether(existing, (request, todo) -> request.addUpdateItem(table,
                TransactUpdateItemEnhancedRequest.builder(TodoItem.class)
                        .item(TodoItem.tombstoneOf(list, todo, expiresAt))
                        .ignoreNulls(false)
                        .conditionExpression(liveAt(todo.version()))
                        .build()));
    }

    @Override
    public Mono<TodoChange.Deleted> removeIfPresent(TodoId id) {
        // One UpdateItem: only a live todo turns into a tombstone, one version after whatever it was.
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(TodoItem.keyMap(list, id))
                .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#deleted)")
                .updateExpression("SET #deleted = :true, #version = #version + :one, #expiresAt = :expiresAt"
                        + " REMOVE #name, #status, #createdAt, #updatedAt")
                .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#deleted", TodoItem.DELETED,
                        "#version", TodoItem.VERSION, "#expiresAt", TodoItem.EXPIRES_AT, "#name", TodoItem.NAME,
                        "#status", TodoItem.STATUS, "#createdAt", TodoItem.CREATED_AT, "#updatedAt", TodoItem.UPDATED_AT))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":one", AttributeValue.fromN("1"),
                        ":expiresAt", AttributeValue.fromN(Long.toString(tombstoneExpiry()))))
                .returnValues(ReturnValue.UPDATED_NEW)
                .build();
        return Mono.fromFuture(() -> client.updateItem(request))
                .map(response -> new TodoChange.Deleted(id, Long.parseLong(response.attributes().get(TodoItem.VERSION).n())))
                .onErrorMap(StoreErrors::unwrap)
                .onErrorResume(ConditionalCheckFailedException.class, absentOrDeleted -> Mono.empty())
                .onErrorMap(error -> translateOne(error, id));
    }

    private long tombstoneExpiry() {
        return clock.instant().plus(tombstoneRetention).getEpochSecond();
    }

    private Mono<Void> updateOne(Todo todo) {
        PutItemEnhancedRequest<TodoItem> request = PutItemEnhancedRequest.builder(TodoItem.class)
                .item(TodoItem.from(list, todo))
                .conditionExpression(liveAt(todo.version() - 1))
                .build();
        return Mono.fromFuture(() -> table.putItem(request))
                .onErrorMap(error -> translateOne(error, todo.id()));
    }

    private Mono<Void> deleteOne(Todo todo) {
        UpdateItemEnhancedRequest<TodoItem> request = UpdateItemEnhancedRequest.builder(TodoItem.class)
                .item(TodoItem.tombstoneOf(list, todo, tombstoneExpiry()))
                .ignoreNulls(false)
                .conditionExpression(liveAt(todo.version()))
                .build();
        return Mono.fromFuture(() -> table.updateItem(request))
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

    /** The todo is there, not deleted, at this version. */
    private static Expression liveAt(long version) {
        return Expression.builder()
                .expression("#version = :version AND attribute_not_exists(#deleted)")
                .putExpressionName("#version", TodoItem.VERSION)
                .putExpressionName("#deleted", TodoItem.DELETED)
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
