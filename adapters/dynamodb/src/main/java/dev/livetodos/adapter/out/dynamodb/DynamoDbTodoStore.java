package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.StoreUnavailableException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.WriteNotAllowedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Each list's todos in the one DynamoDB table, under the list's partition ({@code LIST#<id>},
 * sort keys {@code TODO#<id>}, beside the list's META and member items). Reads are strongly
 * consistent; every write is conditional, so a write based on a state that has since changed
 * writes nothing.
 *
 * <p>Every write is one transaction that also carries the writer's right to write
 * ({@link ListAccessConditions#memberMay}: their member item holds a role that may write todos)
 * and that the list is live ({@link ListAccessConditions#listIsLive}): a member removed, or made a
 * viewer, a moment ago, or anyone once the list is being deleted, cannot write, however the
 * request raced with that change. That is why even one todo is written in a transaction now
 * (three items: the todo and the two checks), and why a batch holds at most
 * {@link #MAX_BATCH_TODOS} todos: DynamoDB takes 100 actions per transaction. When the checks fail
 * the write fails with {@link WriteNotAllowedException}, whatever else failed with it, so someone
 * who may not write learns nothing of the todos.
 *
 * <p>A delete leaves a tombstone (see {@link TodoItem}) that DynamoDB's time to live removes after
 * the retention; no read shows it, and a create under its id continues its version.
 *
 * <p>Reads map each item themselves, so one item this server cannot read (see
 * {@link StoredItem}) costs only itself: a whole-list read skips it and logs its key once (a
 * bounded memory of keys keeps repeated reads from flooding the log); a read of that one todo,
 * and any write that would replace it, fails with {@link UnreadableTodoException}, a server error,
 * and writes nothing.
 */
public final class DynamoDbTodoStore implements TodoStore {

    /** DynamoDB's limit of items in one transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    /** Todos one write may hold beside the two access checks. */
    public static final int MAX_BATCH_TODOS = MAX_TRANSACTION_ITEMS - 2;

    private static final Set<String> RACE_REASONS = Set.of("ConditionalCheckFailed", "TransactionConflict");
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    /** Whole-list reads that may wait for their turn; beyond that the store counts as overloaded. */
    static final int MAX_WAITING_LISTINGS = 1_000;

    /** How long a deleted todo's tombstone is kept unless told otherwise. */
    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofDays(7);

    /** Keys of unreadable items already logged; beyond this many the oldest is forgotten. */
    static final int REMEMBERED_UNREADABLE_KEYS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(DynamoDbTodoStore.class);

    private final DynamoDbAsyncClient client;
    private final String tableName;
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

    /** A store that keeps tombstones for {@link #DEFAULT_TOMBSTONE_RETENTION}. */
    public DynamoDbTodoStore(DynamoDbAsyncClient client, String tableName) {
        this(client, tableName, DEFAULT_TOMBSTONE_RETENTION);
    }

    /** A store that reads at most as many whole lists at once as this machine has processors. */
    public DynamoDbTodoStore(DynamoDbAsyncClient client, String tableName, Duration tombstoneRetention) {
        this(client, tableName, tombstoneRetention, Math.max(2, Runtime.getRuntime().availableProcessors()), Clock.systemUTC());
    }

    /**
     * A store that runs at most {@code concurrentListings} whole-list queries at the same time;
     * the others wait in order of arrival, and the store's call timeout only starts when their
     * query does. Every listing holds the whole list in memory and unmarshalling it is pure
     * processor work, so more of them at once only makes each slower, multiplies the memory held
     * and, past the call timeout, turns complete answers into errors.
     */
    public DynamoDbTodoStore(DynamoDbAsyncClient client, String tableName, Duration tombstoneRetention,
                             int concurrentListings, Clock clock) {
        if (concurrentListings < 1) {
            throw new IllegalArgumentException("concurrentListings must be at least 1, was " + concurrentListings);
        }
        if (tombstoneRetention.isNegative() || tombstoneRetention.isZero()) {
            throw new IllegalArgumentException("tombstoneRetention must be positive, was " + tombstoneRetention);
        }
        this.client = client;
        this.tableName = tableName;
        this.tombstoneRetention = tombstoneRetention;
        this.clock = clock;
        this.listings = PoolBuilder.from(Mono.just(new Object()))
                .sizeBetween(0, concurrentListings)
                .maxPendingAcquire(MAX_WAITING_LISTINGS)
                .buildPool();
    }

    @Override
    public TodoRepository of(ListId list, PersonId writer) {
        return new ListTodos(list, writer);
    }

    /** One list's todos, written as one person. */
    private final class ListTodos implements TodoRepository {

        private final ListId list;
        private final PersonId writer;

        ListTodos(ListId list, PersonId writer) {
            this.list = list;
            this.writer = writer;
        }

        @Override
        public Flux<Todo> findAll() {
            // The page publisher follows LastEvaluatedKey, so lists beyond DynamoDB's 1 MB page come
            // whole. The sort key range leaves out the list's own items (META, members).
            QueryRequest query = QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :todo)")
                    .filterExpression("attribute_not_exists(#deleted)")
                    .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#sk", TodoItem.SK, "#deleted", TodoItem.DELETED))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TodoItem.partitionKey(list)),
                            ":todo", AttributeValue.fromS(TodoItem.SORT_PREFIX)))
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
                    .onErrorMap(error -> raceOrFailure(StoreErrors.unwrap(error), List.copyOf(ids)));
        }

        @Override
        public Mono<Occupant> insertIfAbsent(Todo todo) {
            // Free: nothing there, or the tombstone one version before (a version-1 todo matches none).
            TransactWriteItem put = TransactWriteItem.builder().put(Put.builder()
                    .tableName(tableName)
                    .item(TodoItem.itemOf(list, todo))
                    .conditionExpression("attribute_not_exists(#pk) OR (#deleted = :true AND #version = :previous)")
                    .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#deleted", TodoItem.DELETED, "#version", TodoItem.VERSION))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true),
                            ":previous", AttributeValue.fromN(Long.toString(todo.version() - 1))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build();
            return transact(List.of(put))
                    .then(Mono.<Occupant>empty())
                    .onErrorResume(Refused.class, refused -> {
                        CancellationReason reason = refused.reasons.get(0);
                        if (!CONDITION_FAILED.equals(reason.code())) {
                            return Mono.error(anotherWriterChanged(List.of(todo.id())));
                        }
                        return reason.hasItem() && !reason.item().isEmpty()
                                ? occupant(reason.item())
                                // Gone again since (its time to live ran out): try once more.
                                : Mono.defer(() -> insertIfAbsent(todo));
                    });
        }

        @Override
        public Mono<Void> updateAll(List<Todo> updated) {
            List<TransactWriteItem> puts = updated.stream()
                    .map(todo -> TransactWriteItem.builder().put(Put.builder()
                            .tableName(tableName)
                            .item(TodoItem.itemOf(list, todo))
                            .conditionExpression(LIVE_AT)
                            .expressionAttributeNames(LIVE_AT_NAMES)
                            .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(todo.version() - 1))))
                            .build()).build())
                    .toList();
            List<TodoId> ids = updated.stream().map(Todo::id).toList();
            return transact(puts).onErrorMap(Refused.class, refused -> refused.raced(ids));
        }

        @Override
        public Mono<Void> deleteAll(List<Todo> existing) {
            long expiresAt = tombstoneExpiry();
            List<TransactWriteItem> updates = existing.stream()
                    .map(todo -> tombstoneUpdate(todo.id(),
                            "#version = :version AND attribute_not_exists(#deleted)",
                            "SET #deleted = :true, #version = :next, #expiresAt = :expiresAt",
                            Map.of(":version", AttributeValue.fromN(Long.toString(todo.version())),
                                    ":next", AttributeValue.fromN(Long.toString(todo.version() + 1))),
                            expiresAt))
                    .toList();
            List<TodoId> ids = existing.stream().map(Todo::id).toList();
            return transact(updates).onErrorMap(Refused.class, refused -> refused.raced(ids));
        }

        @Override
        public Mono<TodoId> removeIfPresent(TodoId id) {
            // No read first: only a live todo turns into a tombstone, one version after whatever it was.
            TransactWriteItem update = tombstoneUpdate(id,
                    "attribute_exists(#pk) AND attribute_not_exists(#deleted)",
                    "SET #deleted = :true, #version = #version + :one, #expiresAt = :expiresAt",
                    Map.of(":one", AttributeValue.fromN("1")),
                    tombstoneExpiry());
            return transact(List.of(update))
                    .thenReturn(id)
                    .onErrorResume(Refused.class, refused -> CONDITION_FAILED.equals(refused.reasons.get(0).code())
                            ? Mono.empty() // not there, or deleted already
                            : Mono.error(anotherWriterChanged(List.of(id))));
        }

        /** Turns the todo's item into a tombstone: the given condition and version move, the rest removed. */
        private TransactWriteItem tombstoneUpdate(TodoId id, String condition, String set, Map<String, AttributeValue> values,
                                                  long expiresAt) {
            Map<String, AttributeValue> all = new LinkedHashMap<>(values);
            all.put(":true", AttributeValue.fromBool(true));
            all.put(":expiresAt", AttributeValue.fromN(Long.toString(expiresAt)));
            Map<String, String> names = new LinkedHashMap<>(Map.of("#deleted", TodoItem.DELETED, "#version", TodoItem.VERSION,
                    "#expiresAt", TodoItem.EXPIRES_AT, "#name", TodoItem.NAME, "#status", TodoItem.STATUS,
                    "#createdAt", TodoItem.CREATED_AT, "#updatedAt", TodoItem.UPDATED_AT));
            if (condition.contains("#pk")) {
                names.put("#pk", TodoItem.PK);
            }
            return TransactWriteItem.builder().update(Update.builder()
                    .tableName(tableName)
                    .key(TodoItem.keyMap(list, id))
                    .conditionExpression(condition)
                    .updateExpression(set + " REMOVE #name, #status, #createdAt, #updatedAt")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(all)
                    .build()).build();
        }

        /**
         * Writes the todo actions together with the two access checks, or nothing. Fails with
         * {@link WriteNotAllowedException} when a check failed, with {@link Refused} (the todo
         * actions' reasons, in order) when only the todos were not as expected.
         */
        private Mono<Void> transact(List<TransactWriteItem> todoActions) {
            if (todoActions.isEmpty()) {
                return Mono.empty();
            }
            if (todoActions.size() > MAX_BATCH_TODOS) {
                return Mono.error(new IllegalArgumentException("at most " + MAX_BATCH_TODOS + " todos can be written together"));
            }
            List<TransactWriteItem> actions = new ArrayList<>(todoActions);
            actions.add(ListAccessConditions.memberMay(tableName, list, writer, ListOperation.WRITE_TODOS));
            actions.add(ListAccessConditions.listIsLive(tableName, list));
            int todos = todoActions.size();
            return Mono.fromFuture(() -> client.transactWriteItems(request -> request.transactItems(actions)))
                    .then()
                    .onErrorMap(thrown -> {
                        Throwable error = StoreErrors.unwrap(thrown);
                        if (error instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()
                                && cancelled.cancellationReasons().size() == actions.size()) {
                            List<CancellationReason> reasons = cancelled.cancellationReasons();
                            boolean checksFailed = reasons.subList(todos, actions.size()).stream()
                                    .anyMatch(reason -> CONDITION_FAILED.equals(reason.code()));
                            if (checksFailed) {
                                return new WriteNotAllowedException(list);
                            }
                            if (reasons.stream().anyMatch(reason -> RACE_REASONS.contains(reason.code()))) {
                                return new Refused(reasons.subList(0, todos));
                            }
                            return new StoreUnavailableException("The todo store turned the write down.", error);
                        }
                        if (error instanceof TransactionConflictException) {
                            return new ConcurrentUpdateException("Another writer changed list " + list + " at the same time.");
                        }
                        return StoreErrors.translate(error);
                    });
        }
    }

    /** The todo is there, not deleted, at {@code :version}. */
    private static final String LIVE_AT = "#version = :version AND attribute_not_exists(#deleted)";
    private static final Map<String, String> LIVE_AT_NAMES = Map.of("#version", TodoItem.VERSION, "#deleted", TodoItem.DELETED);

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

    private long tombstoneExpiry() {
        return clock.instant().plus(tombstoneRetention).getEpochSecond();
    }

    /** Cancellation reasons come one per item, in request order: they name the todos that raced. */
    private static Throwable raceOrFailure(Throwable error, List<TodoId> ids) {
        if (error instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
            return new Refused(cancelled.cancellationReasons()).raced(ids);
        }
        if (error instanceof TransactionConflictException) {
            return anotherWriterChanged(ids);
        }
        return StoreErrors.translate(error);
    }

    private static ConcurrentUpdateException anotherWriterChanged(List<TodoId> ids) {
        return new ConcurrentUpdateException("Another writer changed " + join(ids) + " at the same time.");
    }

    private static String join(List<TodoId> ids) {
        return ids.stream().map(TodoId::value).collect(Collectors.joining(", "));
    }

    /** The writer may write, but the todos were not as the write expected: the reasons of the todo actions. */
    private static final class Refused extends RuntimeException {

        private final List<CancellationReason> reasons;

        Refused(List<CancellationReason> reasons) {
            super("the todos were not as expected", null, false, false);
            this.reasons = reasons;
        }

        /** The todos whose reason says another writer was first; a store failure if none does. */
        Throwable raced(List<TodoId> ids) {
            List<TodoId> raced = IntStream.range(0, Math.min(reasons.size(), ids.size()))
                    .filter(i -> RACE_REASONS.contains(reasons.get(i).code()))
                    .mapToObj(ids::get)
                    .toList();
            return raced.isEmpty()
                    ? new StoreUnavailableException("The todo store turned the request down.", this)
                    : anotherWriterChanged(raced);
        }
    }
}
