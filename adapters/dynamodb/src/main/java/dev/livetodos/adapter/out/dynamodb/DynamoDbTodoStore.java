package dev.livetodos.adapter.out.dynamodb;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.livetodos.application.port.out.ChangesPage;
import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.application.port.out.WriteRecord;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.StoreUnavailableException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.WriteNotAllowedException;
import dev.livetodos.domain.model.WriteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import java.util.function.Supplier;
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
 * and the list's next sequence numbers: the list's META item moves its {@code seq} on by the
 * number of todos written, on the condition that the list is live and its {@code seq} is still the
 * one this write numbered its todos from. A member removed, or made a viewer, a moment ago, or
 * anyone once the list is being deleted, cannot write, however the request raced with that
 * change; and two writes to one list never take the same number, so commit order is {@code seq}
 * order and a list's numbers have no gaps. A write that lost the race for the {@code seq} learns
 * the winner's from the refusal and is sent again numbered after it. The {@code seq} of each list
 * last written here is remembered (a bounded number of lists), so a write needs no read first
 * when this process wrote the list last. That is why even one todo is written in a transaction
 * (three items: the todo, the check and the META item), and why a batch holds at most
 * {@link #MAX_BATCH_TODOS} todos: DynamoDB takes 100 actions per transaction. When the access
 * check fails, or the list is gone, the write fails with {@link WriteNotAllowedException},
 * whatever else failed with it, so someone who may not write learns nothing of the todos.
 *
 * <p>A whole list once read may be held in memory (at most a given number of todos over all lists
 * held, the least recently read given up first) with the META item's {@code seq} and
 * {@code incarnation} it was read at. The next read of that list reads only those two attributes
 * (one small consistent {@code GetItem}): while both are the same, no write has committed since
 * (every write moves {@code seq} in its own transaction, from any process), and the list is
 * answered from memory; otherwise it is queried again. So it stays exact with several processes,
 * and a list deleted and created again under the same id is never taken for the old one.
 *
 * <p>The change feed ({@link TodoRepository#changesAfter}) reads the index {@link #GSI2}: the
 * list's partition key and each item's {@code seq}.
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

    /** Todos one write may hold beside the access check, the list's META item and the write's record. */
    public static final int MAX_BATCH_TODOS = MAX_TRANSACTION_ITEMS - 3;

    private static final Set<String> RACE_REASONS = Set.of("ConditionalCheckFailed", "TransactionConflict");
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    /** Whole-list reads that may wait for their turn; beyond that the store counts as overloaded. */
    static final int MAX_WAITING_LISTINGS = 1_000;

    /** How long a deleted todo's tombstone is kept unless told otherwise. */
    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofDays(7);

    /** Keys of unreadable items already logged; beyond this many the oldest is forgotten. */
    static final int REMEMBERED_UNREADABLE_KEYS = 1_000;

    /** The index of the change feed: each list's todos and tombstones by the seq of their last write. */
    public static final String GSI2 = "GSI2";

    /**
     * Tries of one write while other writes to the same list keep taking its next {@code seq}
     * first: each try after the first knows the {@code seq} that beat it, so only as many writers
     * as are writing the list at that moment can be ahead of it.
     */
    static final int MAX_SEQ_ATTEMPTS = 100;

    /** Tries after losing the seq that go again at once; later ones wait a little, with jitter, so no writer keeps losing. */
    static final int IMMEDIATE_SEQ_RETRIES = 2;

    /** Lists whose last {@code seq} this store remembers (a guess it checks on every write). */
    static final int REMEMBERED_SEQS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(DynamoDbTodoStore.class);

    private final DynamoDbAsyncClient client;
    private final String tableName;
    private final Duration tombstoneRetention;
    private final Clock clock;
    private final Supplier<Optional<String>> traceContext;
    private final InstrumentedPool<Object> listings;
    private final ConcurrentHashMap<ListId, CompletableFuture<Void>> turns = new ConcurrentHashMap<>();
    private final Map<ListId, Long> knownSeqs = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ListId, Long> eldest) {
            return size() > REMEMBERED_SEQS;
        }
    });
    /** Whole lists as last read, by list; empty when nothing is held (see the class comment). */
    private final Optional<Cache<ListId, HeldList>> held;
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
        this(client, tableName, tombstoneRetention, concurrentListings, clock, Optional::empty);
    }

    /**
     * @param traceContext the trace context of the write under way as a W3C {@code traceparent}
     *                     ({@code 00-<trace id>-<span id>-<flags>}), or empty where there is none:
     *                     each todo item a write puts or turns into a tombstone keeps it in
     *                     {@value TodoItem#TRACEPARENT}, so the stream handler continues the
     *                     write's trace; a write without one removes what an earlier write left.
     *                     Asked once per attempt, from within the write's reactive chain.
     */
    public DynamoDbTodoStore(DynamoDbAsyncClient client, String tableName, Duration tombstoneRetention,
                             int concurrentListings, Clock clock, Supplier<Optional<String>> traceContext) {
        this(client, tableName, tombstoneRetention, concurrentListings, clock, traceContext, 0);
    }

    /**
     * @param heldTodos how many todos, over all lists, may be held in memory between reads (see
     *                  the class comment); 0 holds none, and every read queries the list
     */
    public DynamoDbTodoStore(DynamoDbAsyncClient client, String tableName, Duration tombstoneRetention,
                             int concurrentListings, Clock clock, Supplier<Optional<String>> traceContext, long heldTodos) {
        if (heldTodos < 0) {
            throw new IllegalArgumentException("heldTodos must not be negative, was " + heldTodos);
        }
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
        this.traceContext = Objects.requireNonNull(traceContext, "traceContext");
        this.listings = PoolBuilder.from(Mono.just(new Object()))
                .sizeBetween(0, concurrentListings)
                .maxPendingAcquire(MAX_WAITING_LISTINGS)
                .buildPool();
        this.held = heldTodos == 0 ? Optional.empty() : Optional.of(Caffeine.newBuilder()
                .maximumWeight(heldTodos)
                .executor(Runnable::run) // eviction as part of the read that overfilled it, on its thread
                .weigher((ListId list, HeldList read) -> read.todos().todos().size() + 1)
                .build());
    }

    /** A whole list as read, and the META's seq and incarnation it was read at. */
    private record HeldList(ListVersion version, TodosAt todos) {
    }

    /** What tells one state of a list from every other: its incarnation (null on lists made before it existed) and seq. */
    private record ListVersion(String incarnation, long seq) {

        static ListVersion of(Map<String, AttributeValue> meta) {
            AttributeValue incarnation = meta.get(ListItems.INCARNATION);
            return new ListVersion(incarnation == null ? null : incarnation.s(), seqOf(meta));
        }
    }

    @Override
    public TodoRepository of(ListId list, PersonId writer, Optional<WriteRecord> record) {
        return new ListTodos(list, writer, record);
    }

    /** One list's todos, written as one person. */
    private final class ListTodos implements TodoRepository {

        private final ListId list;
        private final PersonId writer;
        private final Optional<WriteRecord> record;

        ListTodos(ListId list, PersonId writer, Optional<WriteRecord> record) {
            this.list = list;
            this.writer = writer;
            this.record = record;
        }

        @Override
        public Mono<TodosAt> readAll() {
            HeldList known = held.map(lists -> lists.getIfPresent(list)).orElse(null);
            if (known == null) {
                return query();
            }
            return readVersion(list)
                    .flatMap(now -> now.equals(known.version()) ? Mono.just(known.todos()) : query())
                    .switchIfEmpty(Mono.defer(this::query));
        }

        private Mono<TodosAt> query() {
            // One query from the list's META item on: META sorts before every TODO# key (and after
            // the MEMBER# keys, which it leaves out), so its seq is read before any todo is, and
            // the todos hold every write up to it. The page publisher follows LastEvaluatedKey, so
            // lists beyond DynamoDB's 1 MB page come whole.
            QueryRequest query = QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("#pk = :pk AND #sk >= :meta")
                    .filterExpression("attribute_not_exists(#deleted)")
                    .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#sk", TodoItem.SK, "#deleted", TodoItem.DELETED))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TodoItem.partitionKey(list)),
                            ":meta", AttributeValue.fromS(ListItems.META)))
                    .consistentRead(true)
                    .build();
            ListVersion[] version = {null};
            return listings.withPoolable(turn -> QueryPages.items(client.queryPaginator(query)))
                    .<Todo>handle((item, todos) -> {
                        AttributeValue sk = item.get(TodoItem.SK);
                        if (sk != null && ListItems.META.equals(sk.s())) {
                            version[0] = ListVersion.of(item);
                            return;
                        }
                        StoredItem stored = StoredItem.read(item);
                        if (stored instanceof StoredItem.Live live) {
                            todos.next(live.todo());
                        } else if (stored instanceof StoredItem.Unreadable unreadable) {
                            reportSkipped(unreadable);
                        }
                    })
                    .collectList()
                    .map(todos -> {
                        if (version[0] == null) {
                            return new TodosAt(0, todos);
                        }
                        TodosAt read = new TodosAt(version[0].seq(), List.copyOf(todos));
                        held.ifPresent(lists -> lists.put(list, new HeldList(version[0], read)));
                        return read;
                    })
                    .onErrorMap(PoolAcquirePendingLimitException.class,
                            full -> new StoreUnavailableException("Too many lists are being read at the moment.", full))
                    .onErrorMap(StoreErrors::translate);
        }

        @Override
        public Mono<Long> seq() {
            return readSeq(list);
        }

        @Override
        public Mono<ChangesPage> changesAfter(long afterSeq, int limit) {
            if (limit < 1) {
                return Mono.error(new IllegalArgumentException("limit must be at least 1, was " + limit));
            }
            // GSI2 holds every item with a seq under its list's partition, the list's META among
            // them (its seq is the list's latest): left out by the filter, which DynamoDB applies
            // after the limit, so a page may hold one fewer.
            QueryRequest query = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(GSI2)
                    .keyConditionExpression("#pk = :pk AND #seq > :after")
                    .filterExpression("begins_with(#sk, :todo)")
                    .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#seq", TodoItem.SEQ, "#sk", TodoItem.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TodoItem.partitionKey(list)),
                            ":after", AttributeValue.fromN(Long.toString(afterSeq)),
                            ":todo", AttributeValue.fromS(TodoItem.SORT_PREFIX)))
                    .limit(limit)
                    .build();
            return Mono.fromFuture(() -> client.query(query))
                    .map(response -> {
                        List<TodoChange> changes = new ArrayList<>(response.count());
                        for (Map<String, AttributeValue> item : response.items()) {
                            StoredItem stored = StoredItem.read(item);
                            if (stored instanceof StoredItem.Live live) {
                                changes.add(new TodoChange.Upserted(live.todo()));
                            } else if (stored instanceof StoredItem.Tombstone tombstone) {
                                changes.add(new TodoChange.Deleted(tombstone.id(), tombstone.version(), tombstone.seq()));
                            } else {
                                reportSkipped((StoredItem.Unreadable) stored);
                            }
                        }
                        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
                        return new ChangesPage(changes, more);
                    })
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
            return transact(1, first -> List.of(TransactWriteItem.builder().put(Put.builder()
                            .tableName(tableName)
                            .item(TodoItem.itemOf(list, todo.withSeq(first)))
                            .conditionExpression("attribute_not_exists(#pk) OR (#deleted = :true AND #version = :previous)")
                            .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#deleted", TodoItem.DELETED, "#version", TodoItem.VERSION))
                            .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true),
                                    ":previous", AttributeValue.fromN(Long.toString(todo.version() - 1))))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build()).build()), first -> new WriteOutcome.Created(todo.withSeq(first)))
                    .<Occupant>map(last -> new Occupant.Inserted(todo.withSeq(last)))
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
        public Mono<List<Todo>> updateAll(List<Todo> updated) {
            if (updated.isEmpty()) {
                return Mono.just(List.of());
            }
            List<TodoId> ids = updated.stream().map(Todo::id).toList();
            return transact(updated.size(), first -> IntStream.range(0, updated.size())
                            .mapToObj(i -> TransactWriteItem.builder().put(Put.builder()
                                    .tableName(tableName)
                                    .item(TodoItem.itemOf(list, updated.get(i).withSeq(first + i)))
                                    .conditionExpression(LIVE_AT)
                                    .expressionAttributeNames(LIVE_AT_NAMES)
                                    .expressionAttributeValues(Map.of(":version",
                                            AttributeValue.fromN(Long.toString(updated.get(i).version() - 1))))
                                    .build()).build())
                            .toList(), first -> new WriteOutcome.Updated(numbered(updated, first)))
                    .map(last -> IntStream.range(0, updated.size())
                            .mapToObj(i -> updated.get(i).withSeq(last - updated.size() + 1 + i))
                            .toList())
                    .onErrorMap(Refused.class, refused -> refused.raced(ids));
        }

        @Override
        public Mono<Long> deleteAll(List<Todo> existing) {
            if (existing.isEmpty()) {
                return seq();
            }
            long expiresAt = tombstoneExpiry();
            List<TodoId> ids = existing.stream().map(Todo::id).toList();
            return transact(existing.size(), first -> IntStream.range(0, existing.size())
                            .mapToObj(i -> tombstoneUpdate(existing.get(i).id(),
                                    "#version = :version AND attribute_not_exists(#deleted)",
                                    "SET #deleted = :true, #version = :next, #expiresAt = :expiresAt",
                                    Map.of(":version", AttributeValue.fromN(Long.toString(existing.get(i).version())),
                                            ":next", AttributeValue.fromN(Long.toString(existing.get(i).version() + 1))),
                                    expiresAt, first + i))
                            .toList(), first -> new WriteOutcome.Deleted(ids, first + existing.size() - 1))
                    .onErrorMap(Refused.class, refused -> refused.raced(ids));
        }

        @Override
        public Mono<Long> removeIfPresent(TodoId id) {
            // No read first: only a live todo turns into a tombstone, one version after whatever it was.
            long expiresAt = tombstoneExpiry();
            return transact(1, first -> List.of(tombstoneUpdate(id,
                    "attribute_exists(#pk) AND attribute_not_exists(#deleted)",
                    "SET #deleted = :true, #version = #version + :one, #expiresAt = :expiresAt",
                    Map.of(":one", AttributeValue.fromN("1")),
                    expiresAt, first)), first -> new WriteOutcome.Deleted(List.of(id), first))
                    .onErrorResume(Refused.class, refused -> CONDITION_FAILED.equals(refused.reasons.get(0).code())
                            ? Mono.empty() // not there, or deleted already
                            : Mono.error(anotherWriterChanged(List.of(id))));
        }

        /** Turns the todo's item into a tombstone: the given condition and version move, the rest removed. */
        private TransactWriteItem tombstoneUpdate(TodoId id, String condition, String set, Map<String, AttributeValue> values,
                                                  long expiresAt, long seq) {
            Map<String, AttributeValue> all = new LinkedHashMap<>(values);
            all.put(":true", AttributeValue.fromBool(true));
            all.put(":expiresAt", AttributeValue.fromN(Long.toString(expiresAt)));
            all.put(":seq", AttributeValue.fromN(Long.toString(seq)));
            Map<String, String> names = new LinkedHashMap<>(Map.of("#deleted", TodoItem.DELETED, "#version", TodoItem.VERSION,
                    "#expiresAt", TodoItem.EXPIRES_AT, "#name", TodoItem.NAME, "#status", TodoItem.STATUS,
                    "#createdAt", TodoItem.CREATED_AT, "#updatedAt", TodoItem.UPDATED_AT));
            names.put("#seq", TodoItem.SEQ);
            if (condition.contains("#pk")) {
                names.put("#pk", TodoItem.PK);
            }
            return TransactWriteItem.builder().update(Update.builder()
                    .tableName(tableName)
                    .key(TodoItem.keyMap(list, id))
                    .conditionExpression(condition)
                    .updateExpression(set + ", #seq = :seq REMOVE #name, #status, #createdAt, #updatedAt")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(all)
                    .build()).build();
        }

        /**
         * Writes {@code count} todo actions, numbered from the list's next {@code seq} on, together
         * with the writer's access check and the list's new {@code seq} (on the condition that the
         * list is live and still at the {@code seq} read), or nothing; emits the list's new
         * {@code seq}. Fails with {@link WriteNotAllowedException} when the writer may not write (or
         * the list is gone), with {@link Refused} (the todo actions' reasons, in order) when only
         * the todos were not as expected. When only the list's {@code seq} moved on (another write
         * to the list committed in between), the write is numbered again from the {@code seq} the
         * refusal reported and sent again, up to {@link #MAX_SEQ_ATTEMPTS} times.
         */
        private Mono<Long> transact(int count, LongFunction<List<TransactWriteItem>> todoActionsFrom,
                                    LongFunction<WriteOutcome> outcomeFrom) {
            if (count > MAX_BATCH_TODOS) {
                return Mono.error(new IllegalArgumentException("at most " + MAX_BATCH_TODOS + " todos can be written together"));
            }
            // Writes to one list from this process take turns: they would only take each other's
            // seq otherwise, and each loser pays another round trip. Other processes' writes still
            // race with these, and the seq condition settles it.
            return inTurn(list, Mono.defer(() -> {
                Long known = knownSeqs.get(list);
                return (known != null ? Mono.just(known) : readSeq(list))
                        .flatMap(read -> attempt(count, todoActionsFrom, outcomeFrom, read, 1));
            }));
        }

        private Mono<Long> attempt(int count, LongFunction<List<TransactWriteItem>> todoActionsFrom,
                                   LongFunction<WriteOutcome> outcomeFrom, long read, int attempt) {
            return traceparent().flatMap(traceparent -> attempt(count, todoActionsFrom, outcomeFrom, read, attempt, traceparent));
        }

        private Mono<Long> attempt(int count, LongFunction<List<TransactWriteItem>> todoActionsFrom,
                                   LongFunction<WriteOutcome> outcomeFrom, long read, int attempt, Optional<String> traceparent) {
            List<TransactWriteItem> actions = todoActionsFrom.apply(read + 1).stream()
                    .map(action -> TodoItem.traced(action, traceparent))
                    .collect(Collectors.toCollection(ArrayList::new));
            long last = read + count;
            actions.add(ListAccessConditions.memberMay(tableName, list, writer, ListOperation.WRITE_TODOS));
            actions.add(advanceSeq(read, last));
            record.ifPresent(kept -> actions.add(DynamoDbRecordedWrites.put(tableName, list, writer, kept,
                    outcomeFrom.apply(read + 1), tombstoneExpiry()))); // kept as long as tombstones: a replay after that is a new write
            return Mono.fromFuture(() -> client.transactWriteItems(request -> request.transactItems(actions)))
                    .thenReturn(last)
                    .doOnNext(written -> remember(list, written))
                    .onErrorResume(thrown -> {
                        Throwable error = StoreErrors.unwrap(thrown);
                        if (error instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()
                                && cancelled.cancellationReasons().size() == actions.size()) {
                            List<CancellationReason> reasons = cancelled.cancellationReasons();
                            if (CONDITION_FAILED.equals(reasons.get(count).code())) {
                                return Mono.error(new WriteNotAllowedException(list));
                            }
                            if (record.isPresent() && CONDITION_FAILED.equals(reasons.get(count + 2).code())) {
                                // A copy of this write was kept under the key meanwhile: its retry answers as that one.
                                return Mono.error(new ConcurrentUpdateException("The write was applied meanwhile under its idempotency key."));
                            }
                            List<CancellationReason> todoReasons = reasons.subList(0, count);
                            if (todoReasons.stream().anyMatch(reason -> CONDITION_FAILED.equals(reason.code()))) {
                                return Mono.error(new Refused(todoReasons));
                            }
                            CancellationReason meta = reasons.get(count + 1);
                            if (CONDITION_FAILED.equals(meta.code())) {
                                Map<String, AttributeValue> item = meta.hasItem() ? meta.item() : Map.of();
                                if (item.isEmpty() || item.containsKey(ListItems.DELETED)) {
                                    return Mono.error(new WriteNotAllowedException(list));
                                }
                                long current = seqOf(item);
                                remember(list, current);
                                Mono<Long> learned = Mono.just(current);
                                return again(count, todoActionsFrom, outcomeFrom,
                                        attempt <= IMMEDIATE_SEQ_RETRIES ? learned : learned.delayElement(backoff(attempt)), attempt);
                            }
                            if (reasons.stream().anyMatch(reason -> RACE_REASONS.contains(reason.code()))) {
                                // Another transaction held one of the items: wait a little, read the seq afresh.
                                return again(count, todoActionsFrom, outcomeFrom, readSeq(list).delaySubscription(backoff(attempt)), attempt);
                            }
                            return Mono.error(new StoreUnavailableException("The todo store turned the write down.", error));
                        }
                        if (error instanceof TransactionConflictException) {
                            return again(count, todoActionsFrom, outcomeFrom, readSeq(list).delaySubscription(backoff(attempt)), attempt);
                        }
                        return Mono.error(StoreErrors.translate(error));
                    });
        }

        private Mono<Long> again(int count, LongFunction<List<TransactWriteItem>> todoActionsFrom, LongFunction<WriteOutcome> outcomeFrom,
                                 Mono<Long> seq, int attempt) {
            if (attempt >= MAX_SEQ_ATTEMPTS) {
                return Mono.error(new ConcurrentUpdateException("Too many writers changed list " + list + " at the same time."));
            }
            return seq.flatMap(read -> attempt(count, todoActionsFrom, outcomeFrom, read, attempt + 1));
        }

        /** The list's META item moves from {@code read} to {@code last}, if it is live and still at {@code read}. */
        private TransactWriteItem advanceSeq(long read, long last) {
            String atRead = read == 0 ? "(attribute_not_exists(#seq) OR #seq = :read)" : "#seq = :read";
            return TransactWriteItem.builder().update(Update.builder()
                    .tableName(tableName)
                    .key(ListItems.metaKey(list))
                    .conditionExpression(ListAccessConditions.LIVE_LIST + " AND " + atRead)
                    .updateExpression("SET #seq = :last")
                    .expressionAttributeNames(Map.of("#pk", TodoItem.PK, "#deleted", ListItems.DELETED, "#seq", ListItems.SEQ))
                    .expressionAttributeValues(Map.of(":read", AttributeValue.fromN(Long.toString(read)),
                            ":last", AttributeValue.fromN(Long.toString(last))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build();
        }
    }

    /**
     * The trace context of the write under way, asked inside {@code handle}: there Reactor sets the
     * thread locals (the current span among them) from the chain's context, which it does not do
     * in every operator (the server propagates context only where asked,
     * {@code spring.reactor.context-propagation=limited}).
     */
    private Mono<Optional<String>> traceparent() {
        return Mono.just(traceContext).handle((trace, sink) -> sink.next(trace.get()));
    }

    /**
     * Runs the write after every write to the same list that this process started before it has
     * ended (however it ended, cancelled included), so at most one of them is with the store.
     */
    private <T> Mono<T> inTurn(ListId list, Mono<T> write) {
        return Mono.defer(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> before = turns.put(list, mine);
            Mono<Void> waited = before == null ? Mono.empty() : Mono.fromFuture(before, true).onErrorComplete();
            return waited.then(write).doFinally(signal -> {
                // Cancelled while waiting: the turn passes on only once the one before it is over.
                if (before == null || before.isDone()) {
                    mine.complete(null);
                } else {
                    before.whenComplete((done, failed) -> mine.complete(null));
                }
                mine.thenRun(() -> turns.remove(list, mine));
            });
        });
    }

    /** Pauses between tries that met another writer: growing, with full jitter, at most 50 ms. */
    private static Duration backoff(int attempt) {
        long ceiling = Math.min(50, 2L << Math.min(attempt, 5));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
    }

    /** The list's seq and incarnation as its META item holds them now; empty when there is no META. */
    private Mono<ListVersion> readVersion(ListId list) {
        return Mono.fromFuture(() -> client.getItem(request -> request.tableName(tableName).key(ListItems.metaKey(list))
                        .consistentRead(true).projectionExpression("#seq, #incarnation")
                        .expressionAttributeNames(Map.of("#seq", ListItems.SEQ, "#incarnation", ListItems.INCARNATION))))
                .filter(GetItemResponse::hasItem)
                .map(response -> ListVersion.of(response.item()))
                .onErrorMap(StoreErrors::translate);
    }

    /** The list's {@code seq} as its META item holds it now; 0 when it has none (or no META). */
    private Mono<Long> readSeq(ListId list) {
        return readVersion(list).map(ListVersion::seq).defaultIfEmpty(0L);
    }

    private static long seqOf(Map<String, AttributeValue> meta) {
        AttributeValue seq = meta.get(ListItems.SEQ);
        return seq == null || seq.n() == null ? 0 : Long.parseLong(seq.n());
    }

    /** The highest {@code seq} seen of a list: the guess the next write to it starts from. */
    private void remember(ListId list, long seq) {
        knownSeqs.merge(list, seq, Math::max);
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

    /** The todos as a write numbered from {@code first} on stores them. */
    private static List<Todo> numbered(List<Todo> todos, long first) {
        return IntStream.range(0, todos.size()).mapToObj(i -> todos.get(i).withSeq(first + i)).toList();
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
