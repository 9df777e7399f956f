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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
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
 */
public final class LocalStreamPoller implements SmartLifecycle {

    static final int BATCH_SIZE = 100;
    static final int MAX_RETRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(LocalStreamPoller.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(2);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    /** Shard iterators expire after 15 minutes unused; every shard is read well before that. */
    private static final Duration LONGEST_IDLE = Duration.ofMinutes(5);

    private final DynamoDbAsyncClient dynamoDb;
    private final DynamoDbStreamsAsyncClient streams;
    private final String tableName;
    private final Function<DynamodbEvent, StreamsEventResponse> handler;
    private final Duration idleInterval;

    // Touched only by the poller thread once started.
    private final Map<String, ShardReader> active = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    private String streamArn;
    private long nextDiscoveryNanos;

    private final Object wakeUp = new Object();
    private boolean woken; // guarded by wakeUp
    private volatile boolean running;
    private volatile Thread thread;

    public LocalStreamPoller(DynamoDbAsyncClient dynamoDb, DynamoDbStreamsAsyncClient streams, String tableName,
                             Function<DynamodbEvent, StreamsEventResponse> handler, Duration idleInterval) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.tableName = tableName;
        this.handler = handler;
        this.idleInterval = idleInterval.compareTo(LONGEST_IDLE) > 0 ? LONGEST_IDLE : idleInterval;
    }

    @Override
    public void start() {
        // Positions are taken before the server takes requests, so no write after start is missed.
        discoverShards(true);
        running = true;
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

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Starts before the web server takes requests and stops after it has finished them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private void pollUntilStopped() {
        while (running) {
            Duration pause = pollOnce();
            synchronized (wakeUp) {
                // A nudge while polling is kept in the flag, so it is never lost.
                if (!woken && running && !pause.isZero()) {
                    try {
                        wakeUp.wait(Math.max(1, pause.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /** Reads every shard once; gives how long to wait before the next round. */
    private Duration pollOnce() {
        try {
            if (System.nanoTime() >= nextDiscoveryNanos) {
                discoverShards(false);
            }
            boolean busy = false;
            long soonestRetry = Long.MAX_VALUE;
            for (ShardReader shard : List.copyOf(active.values())) {
                busy |= shard.poll();
                if (shard.notBeforeNanos > System.nanoTime()) {
                    soonestRetry = Math.min(soonestRetry, shard.notBeforeNanos);
                }
            }
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

    private void discoverShards(boolean atStart) {
        if (streamArn == null) {
            streamArn = await(dynamoDb.describeTable(request -> request.tableName(tableName))).table().latestStreamArn();
            if (streamArn == null) {
                throw new IllegalStateException("the table " + tableName + " has no stream");
            }
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
        for (Shard shard : shards) {
            String id = shard.shardId();
            if (active.containsKey(id) || finished.contains(id)) {
                continue;
            }
            boolean closed = shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null;
            if (atStart) {
                // What happened before the server started has no subscriber to tell.
                if (closed) {
                    finished.add(id);
                } else {
                    active.put(id, new ShardReader(id, ShardIteratorType.LATEST, iterator(id, ShardIteratorType.LATEST, null)));
                }
            } else if (shard.parentShardId() == null || finished.contains(shard.parentShardId())
                    || !listed.contains(shard.parentShardId())) {
                active.put(id, new ShardReader(id, ShardIteratorType.TRIM_HORIZON, iterator(id, ShardIteratorType.TRIM_HORIZON, null)));
            }
        }
        nextDiscoveryNanos = System.nanoTime() + DISCOVERY_INTERVAL.toNanos();
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
        private final ShardIteratorType startedAt;
        private String iterator;
        private String lastDone;
        private int retries;
        private long notBeforeNanos = Long.MIN_VALUE;

        ShardReader(String shardId, ShardIteratorType startedAt, String iterator) {
            this.shardId = shardId;
            this.startedAt = startedAt;
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
                // Resume after the last record handed over; with none yet, where the shard began
                // to be read (a shard read from LATEST must not replay what came before).
                iterator = lastDone == null
                        ? iterator(shardId, startedAt, null)
                        : iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastDone);
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
