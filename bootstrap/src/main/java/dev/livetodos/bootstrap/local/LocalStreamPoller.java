package dev.livetodos.bootstrap.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * Local mode's stand-in for Lambda's event source mapping: reads the todo table's stream from
 * DynamoDB Local and hands batches of up to {@value #BATCH_SIZE} records, as the same
 * {@link DynamodbEvent}, to the same stream handler. Like the mapping, it keeps each shard's
 * order, starts a child shard only after its parent is done, retries a batch from the first
 * record the handler reports as failed, and gives up on it after {@value #MAX_RETRIES} retries.
 * A write made through this server {@link #nudge() nudges} it to read at once, so the change
 * reaches subscribers within milliseconds; otherwise an idle shard is asked again every
 * {@code idleInterval}. All work happens on one thread of its own.
 *
 * <p>Nothing is lost by a crash: after each round that handed records over it keeps, in its
 * {@link StreamCheckpoints}, the sequence number of the last record of each shard the handler
 * took without failing it, and on start resumes right after it. A shard it holds no position for
 * is read from its oldest record still retained (so with no checkpoint at all, the whole retained
 * stream is handed over again): at-least-once, never a gap. So that what is handed over again
 * has someone to reach, the poller holds its backlog after start until a subscriber is there or
 * the {@code replayGrace} has passed. If the table disappears (deleted by whoever), it is created
 * again and the new table's stream is read from its start.
 */
public final class LocalStreamPoller implements SmartLifecycle {

    static final int BATCH_SIZE = 100;
    static final int MAX_RETRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(LocalStreamPoller.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(2);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    /** While the backlog is held, how often it looks whether a subscriber has come. */
    private static final Duration HOLD_LOOK_AGAIN = Duration.ofMillis(25);
    /**
     * A position is kept this long after its records were handed over: the handler returns once
     * the frames are queued for each socket, and a crash in between must not skip what was
     * queued but never sent. It also bounds checkpoint writes to a few a second.
     */
    private static final Duration CHECKPOINT_SETTLE = Duration.ofMillis(200);
    /** Shard iterators expire after 15 minutes unused; every shard is read well before that. */
    private static final Duration LONGEST_IDLE = Duration.ofMinutes(5);

    private final DynamoDbAsyncClient dynamoDb;
    private final DynamoDbStreamsAsyncClient streams;
    private final String tableName;
    private final Function<DynamodbEvent, StreamsEventResponse> handler;
    private final Duration idleInterval;
    private final StreamCheckpoints checkpoints;
    private final BooleanSupplier listening;
    private final Duration replayGrace;
    private final Runnable createTable;

    // Touched only by the poller thread once started.
    private final Map<String, ShardReader> active = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    /** Per shard, the last record handed over without failure: what the checkpoint keeps. */
    private final Map<String, String> delivered = new LinkedHashMap<>();
    /** What the checkpoint holds now, and what it will hold once settled (null: nothing waiting). */
    private Map<String, String> kept;
    private Map<String, String> settling;
    private long settlingSinceNanos;
    private String streamArn;
    private long nextDiscoveryNanos;
    private long holdUntilNanos;
    private boolean holding;

    private final Object wakeUp = new Object();
    private boolean woken; // guarded by wakeUp
    private volatile boolean running;
    private volatile Thread thread;
    /** When a round last read every shard (or held the backlog, or found nothing to read) without failing. */
    private volatile long lastReadNanos;

    /** A poller that keeps no checkpoint, holds nothing back and expects the table to stay. */
    public LocalStreamPoller(DynamoDbAsyncClient dynamoDb, DynamoDbStreamsAsyncClient streams, String tableName,
                             Function<DynamodbEvent, StreamsEventResponse> handler, Duration idleInterval) {
        this(dynamoDb, streams, tableName, handler, idleInterval, StreamCheckpoints.NONE, () -> true, Duration.ZERO, () -> {
        });
    }

    /**
     * @param checkpoints where positions are kept across restarts
     * @param listening   whether a subscriber is connected, to whom a backlog would be handed
     * @param replayGrace how long after start the backlog waits for a first subscriber
     * @param createTable creates the table (with its stream) when it is missing, and waits until it can be used
     */
    public LocalStreamPoller(DynamoDbAsyncClient dynamoDb, DynamoDbStreamsAsyncClient streams, String tableName,
                             Function<DynamodbEvent, StreamsEventResponse> handler, Duration idleInterval,
                             StreamCheckpoints checkpoints, BooleanSupplier listening, Duration replayGrace,
                             Runnable createTable) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.tableName = tableName;
        this.handler = handler;
        this.idleInterval = idleInterval.compareTo(LONGEST_IDLE) > 0 ? LONGEST_IDLE : idleInterval;
        this.checkpoints = checkpoints;
        this.listening = listening;
        this.replayGrace = replayGrace;
        this.createTable = createTable;
    }

    @Override
    public void start() {
        // Where to start comes from the checkpoint, not from the moment of start: no write made
        // before or after it is missed, whenever the server begins to take requests.
        try {
            discoverShards();
        } catch (RuntimeException e) {
            // The poller's own loop tries again; the server starts meanwhile.
            log.warn("Reading the todo stream failed at start; trying again in {}: {}", ERROR_BACKOFF, e.toString());
            nextDiscoveryNanos = System.nanoTime() + ERROR_BACKOFF.toNanos();
        }
        holding = true;
        holdUntilNanos = System.nanoTime() + replayGrace.toNanos();
        running = true;
        lastReadNanos = System.nanoTime();
        Thread poller = new Thread(this::pollUntilStopped, "livetodos-stream-poller");
        poller.setDaemon(true);
        thread = poller;
        poller.start();
    }

    /** Something was just written: read the stream now rather than at the next idle poll. */
    public void nudge() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    @Override
    public void stop() {
        Thread poller = thread;
        thread = null;
        running = false;
        nudge();
        if (poller != null) {
            try {
                poller.join(CALL_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the backlog is still held, waiting for a first subscriber or the end of the grace. */
    private boolean holdingBacklog() {
        if (holding && (System.nanoTime() >= holdUntilNanos || listening.getAsBoolean())) {
            holding = false;
        }
        return holding;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Whether its thread is there and has not died. */
    public boolean isAlive() {
        Thread poller = thread;
        return poller != null && poller.isAlive();
    }

    /** How long ago a round last read the stream without failing (every round fails while the store is away). */
    public Duration sinceLastRead() {
        return Duration.ofNanos(System.nanoTime() - lastReadNanos);
    }

    /**
     * How long without a good round means the poller is stuck or the store away: three idle
     * intervals and one call's timeout (a busy poller reads many times a second).
     */
    public Duration staleAfter() {
        return idleInterval.multipliedBy(3).plus(CALL_TIMEOUT);
    }

    /** Starts before the web server takes requests and stops after it has finished them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private void pollUntilStopped() {
        long nextPollNanos = System.nanoTime();
        while (running) {
            if (System.nanoTime() - nextPollNanos >= 0) {
                nextPollNanos = System.nanoTime() + pollOnce().toNanos();
            }
            // Keeping a settled position may wake the thread earlier than the next poll, but
            // does not bring that poll forward.
            Duration pause = keepSettledPositions(Duration.ofNanos(Math.max(0, nextPollNanos - System.nanoTime())));
            synchronized (wakeUp) {
                // A nudge while polling is kept in the flag, so it is never lost; while the
                // backlog is held, a nudge does not end the wait for a subscriber.
                if ((!woken || holding) && running && !pause.isZero()) {
                    try {
                        wakeUp.wait(Math.max(1, pause.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (woken && !holding) {
                    woken = false;
                    nextPollNanos = System.nanoTime();
                }
            }
        }
        // A clean stop: the sessions were closed before, so what was handed over has been sent.
        save(Map.copyOf(delivered));
    }

    /**
     * Keeps the positions handed over at least {@link #CHECKPOINT_SETTLE} ago, and starts the
     * settling of the newest ones; gives the pause, shortened so a settled position is kept on time.
     */
    private Duration keepSettledPositions(Duration pause) {
        if (streamArn == null) {
            return pause;
        }
        long now = System.nanoTime();
        if (settling != null && now - settlingSinceNanos >= CHECKPOINT_SETTLE.toNanos()) {
            save(settling);
            settling = null;
        }
        if (settling == null && !delivered.equals(kept)) {
            settling = Map.copyOf(delivered);
            settlingSinceNanos = now;
        }
        if (settling == null) {
            return pause;
        }
        Duration untilSettled = Duration.ofNanos(Math.max(1_000_000, settlingSinceNanos + CHECKPOINT_SETTLE.toNanos() - now));
        return pause.compareTo(untilSettled) > 0 ? untilSettled : pause;
    }

    private void save(Map<String, String> positions) {
        if (streamArn == null || positions.equals(kept)) {
            return;
        }
        try {
            checkpoints.save(streamArn, positions);
            kept = positions;
        } catch (RuntimeException e) {
            log.warn("Keeping the stream position failed (records may be handed over again after a restart): {}", e.toString());
        }
    }

    /** Reads every shard once; gives how long to wait before the next round. */
    private Duration pollOnce() {
        try {
            if (System.nanoTime() >= nextDiscoveryNanos) {
                discoverShards();
            }
            if (holdingBacklog()) {
                lastReadNanos = System.nanoTime();
                return HOLD_LOOK_AGAIN;
            }
            boolean busy = false;
            long soonestRetry = Long.MAX_VALUE;
            for (ShardReader shard : List.copyOf(active.values())) {
                busy |= shard.poll();
                if (shard.notBeforeNanos > System.nanoTime()) {
                    soonestRetry = Math.min(soonestRetry, shard.notBeforeNanos);
                }
            }
            lastReadNanos = System.nanoTime();
            if (busy) {
                return Duration.ZERO;
            }
            long untilRetry = soonestRetry - System.nanoTime();
            return untilRetry > 0 && untilRetry < idleInterval.toNanos() ? Duration.ofNanos(untilRetry) : idleInterval;
        } catch (RuntimeException e) {
            log.warn("Reading the todo stream failed; trying again in {}: {}", ERROR_BACKOFF, e.toString());
            return ERROR_BACKOFF;
        }
    }

    private void discoverShards() {
        String latest = latestStreamArn();
        if (!latest.equals(streamArn)) {
            if (streamArn != null) {
                log.warn("The todo table has a new stream (it was created again); reading it from its start");
            }
            streamArn = latest;
            active.clear();
            finished.clear();
            delivered.clear();
            delivered.putAll(checkpoints.load(latest));
            kept = null;
            settling = null;
        }
        List<Shard> shards = new ArrayList<>();
        String after = null;
        do {
            String exclusiveStart = after;
            StreamDescription description = await(streams.describeStream(request -> request
                    .streamArn(streamArn).exclusiveStartShardId(exclusiveStart))).streamDescription();
            shards.addAll(description.shards());
            after = description.lastEvaluatedShardId();
        } while (after != null);
        Set<String> listed = new HashSet<>();
        shards.forEach(shard -> listed.add(shard.shardId()));
        // Positions of shards trimmed away are of no more use.
        delivered.keySet().retainAll(listed);
        for (Shard shard : shards) {
            String id = shard.shardId();
            if (active.containsKey(id) || finished.contains(id)) {
                continue;
            }
            String position = delivered.get(id);
            if (position != null) {
                // Its parent was done before any of its records was handed over.
                active.put(id, resumed(id, position));
            } else if (shard.parentShardId() == null || finished.contains(shard.parentShardId())
                    || !listed.contains(shard.parentShardId())) {
                active.put(id, new ShardReader(id, null, iterator(id, ShardIteratorType.TRIM_HORIZON, null)));
            }
        }
        nextDiscoveryNanos = System.nanoTime() + DISCOVERY_INTERVAL.toNanos();
    }

    /** The table's stream; a table that is gone is created again, with a new stream. */
    private String latestStreamArn() {
        String latest;
        try {
            latest = await(dynamoDb.describeTable(request -> request.tableName(tableName))).table().latestStreamArn();
        } catch (ResourceNotFoundException missing) {
            log.warn("The todo table {} is gone; creating it again", tableName);
            createTable.run();
            latest = await(dynamoDb.describeTable(request -> request.tableName(tableName))).table().latestStreamArn();
        }
        if (latest == null) {
            throw new IllegalStateException("the table " + tableName + " has no stream");
        }
        return latest;
    }

    /** Right after the checkpoint; from the shard's oldest record if that one was trimmed meanwhile. */
    private ShardReader resumed(String shardId, String position) {
        try {
            return new ShardReader(shardId, position, iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, position));
        } catch (ResourceNotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Cannot resume shard {} after {} ({}); reading it from its oldest record", shardId, position, e.toString());
            return new ShardReader(shardId, null, iterator(shardId, ShardIteratorType.TRIM_HORIZON, null));
        }
    }

    private String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
        return await(streams.getShardIterator(request -> request
                .streamArn(streamArn).shardId(shardId).shardIteratorType(type).sequenceNumber(sequenceNumber)))
                .shardIterator();
    }

    private static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the store did not answer within " + CALL_TIMEOUT, e);
        }
    }

    /** One shard's position and retry state. */
    private final class ShardReader {

        private final String shardId;
        /** Where reading began: after this sequence number, or with none, at the oldest record. */
        private final String startedAfter;
        private String iterator;
        private String lastDone;
        private int retries;
        private long notBeforeNanos = Long.MIN_VALUE;

        ShardReader(String shardId, String startedAfter, String iterator) {
            this.shardId = shardId;
            this.startedAfter = startedAfter;
            this.iterator = iterator;
        }

        /** Reads and hands on one batch; true when there was one. */
        boolean poll() {
            if (System.nanoTime() < notBeforeNanos) {
                return false;
            }
            GetRecordsResponse response;
            try {
                response = await(streams.getRecords(request -> request.shardIterator(iterator).limit(BATCH_SIZE)));
            } catch (ExpiredIteratorException expired) {
                // Resume after the last record handed over; with none yet, where the shard began to be read.
                String after = lastDone != null ? lastDone : startedAfter;
                iterator = after == null
                        ? iterator(shardId, ShardIteratorType.TRIM_HORIZON, null)
                        : iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, after);
                return false;
            }
            List<Record> records = response.records();
            if (records.isEmpty()) {
                advance(response.nextShardIterator());
                return false;
            }
            Optional<String> firstFailed;
            try {
                firstFailed = firstFailed(records, handler.apply(StreamEvents.eventOf(records, streamArn)));
            } catch (RuntimeException e) {
                // As the event source mapping does when a function fails: the whole batch failed.
                log.warn("The stream handler failed on a batch of shard {}: {}", shardId, e.toString());
                firstFailed = Optional.of(records.get(0).dynamodb().sequenceNumber());
            }
            if (firstFailed.isEmpty() || retries >= MAX_RETRIES) {
                if (firstFailed.isPresent()) {
                    log.error("Giving up on stream records from {} of shard {} after {} retries; subscribers "
                            + "catch up when they refetch", firstFailed.get(), shardId, retries);
                }
                retries = 0;
                notBeforeNanos = Long.MIN_VALUE;
                lastDone = records.get(records.size() - 1).dynamodb().sequenceNumber();
                delivered.put(shardId, lastDone);
                advance(response.nextShardIterator());
                return true;
            }
            retries++;
            iterator = iterator(shardId, ShardIteratorType.AT_SEQUENCE_NUMBER, firstFailed.get());
            notBeforeNanos = System.nanoTime() + Duration.ofMillis(100L << retries).toNanos();
            return false;
        }

        private void advance(String next) {
            if (next == null) {
                active.remove(shardId);
                finished.add(shardId);
                nextDiscoveryNanos = 0;
            } else {
                iterator = next;
            }
        }

        /** The failed record that comes first in the shard, as the mapping would retry from it. */
        private Optional<String> firstFailed(List<Record> records, StreamsEventResponse answer) {
            if (answer == null || answer.getBatchItemFailures() == null || answer.getBatchItemFailures().isEmpty()) {
                return Optional.empty();
            }
            Set<String> failed = new HashSet<>();
            answer.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
            return records.stream().map(record -> record.dynamodb().sequenceNumber()).filter(failed::contains).findFirst();
        }
    }
}
