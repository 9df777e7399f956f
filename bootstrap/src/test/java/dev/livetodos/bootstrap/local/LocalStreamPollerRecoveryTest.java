package dev.livetodos.bootstrap.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * How the local poller recovers and keeps time: retries, nudges during a poll, stopping, expired
 * iterators and a failing handler. Each test once failed against an earlier poller.
 */
class LocalStreamPollerRecoveryTest {

    private static final Duration BRISK = Duration.ofMillis(20);
    private static final Duration LONG_IDLE = Duration.ofHours(1);
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final Progress progress = new Progress();
    private final FakeDynamoDbStreams stream = new FakeDynamoDbStreams(progress);
    private final List<List<DynamodbStreamRecord>> batches = new CopyOnWriteArrayList<>();
    private volatile Function<DynamodbStreamRecord, Boolean> failing = record -> false;
    private volatile boolean throwing;
    private final MemoryCheckpoints checkpoints = new MemoryCheckpoints(progress);
    private LocalStreamPoller poller;

    @AfterEach
    void stopPoller() {
        if (poller != null) {
            poller.stop();
        }
    }

    /** A retry keeps to its own backoff, however long the idle interval. */
    @Test
    void aFailedRecordIsRetriedAfterItsBackoffEvenWithALongIdleInterval() {
        stream.openShard("shard-1");
        failing = record -> label(record).equals("todo-1@1") && deliveries("todo-1@1") == 1;
        givenPollerStarted(LONG_IDLE);
        givenPollerIdle();

        stream.append("shard-1", List.of(upsert("todo-1")));
        poller.nudge();

        // Backoff after the first failure is 200 ms; the retry comes only after the idle hour.
        progress.await("the failed record handed over again", () -> deliveries("todo-1@1") == 2, WITHIN);
    }

    /** A nudge while a poll is under way brings one more poll, never a second polling loop. */
    @Test
    void aNudgeDuringAPollBringsOneMorePollNotASecondPollingLoop() {
        stream.openShard("shard-1");
        givenPollerStarted(LONG_IDLE);
        givenPollerIdle();
        FakeDynamoDbStreams.Hold hold = stream.holdNextEmptyRead();
        stream.append("shard-1", List.of(upsert("todo-1")));
        poller.nudge();
        // The nudged poll reads todo-1, so the poller schedules the next poll at once; that
        // scheduled poll's (empty) read is held, and a second nudge arrives while it is under way.
        awaitQuietly(hold);
        long readsBefore = stream.count("getRecords");

        poller.nudge();
        hold.release();

        progress.await("the one read the nudge asks for", () -> stream.count("getRecords") >= readsBefore + 1, WITHIN);
        boolean secondLoop = progress.holdsWithin(() -> stream.count("getRecords") >= readsBefore + 2, Duration.ofSeconds(2));
        assertThat(secondLoop).as("a second poll ran, i.e. a second self-rescheduling loop was started").isFalse();
    }

    /** Stopping does not wait for the next idle poll. */
    @Test
    void stopReturnsPromptlyEvenWithALongIdleInterval() {
        stream.openShard("shard-1");
        givenPollerStarted(LONG_IDLE);
        givenPollerIdle();

        long started = System.nanoTime();
        poller.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // Far below the idle hour it would wait if stopping waited for the next poll, and far
        // above what a busy machine needs to stop a thread: the test tells the two apart, not speed.
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    /** A shard resumed after its checkpoint whose iterator expires resumes there again, not from its start. */
    @Test
    void anIteratorThatExpiresBeforeTheFirstRecordResumesAfterTheCheckpointNotFromTheShardsStart() {
        stream.openShard("shard-1");
        List<String> before = stream.append("shard-1", IntStream.rangeClosed(1, 5).mapToObj(i -> upsert("before-" + i)).toList());
        checkpoints.save(FakeDynamoDbStreams.STREAM_ARN, Map.of("shard-1", before.get(4)));
        givenPollerStarted(BRISK);
        progress.await("a first read", () -> stream.count("getRecords") >= 1, WITHIN);

        // DynamoDB (and DynamoDB Local 3.x) expire an iterator 15 minutes after issuing it.
        stream.expireIterators();
        progress.await("a new iterator", () -> stream.count("getShardIterator") >= 2, WITHIN);
        stream.append("shard-1", List.of(upsert("after-1")));

        progress.await("after-1 handed over", () -> records().stream().anyMatch(r -> label(r).equals("after-1@1")), WITHIN);
        assertThat(records()).extracting(LocalStreamPollerRecoveryTest::label).containsExactly("after-1@1");
    }

    /** A handler that throws fails its batch, which is given up after three retries. */
    @Test
    void aBatchWhoseHandlerThrowsIsGivenUpAfterThreeRetriesLikeTheEventSourceMapping() {
        stream.openShard("shard-1");
        throwing = true;
        givenPollerStarted(BRISK);

        stream.append("shard-1", List.of(upsert("todo-1")));
        progress.await("four deliveries", () -> deliveries("todo-1@1") >= 4, WITHIN);
        throwing = false;
        stream.append("shard-1", List.of(upsert("todo-2")));

        progress.await("todo-2 handed over", () -> deliveries("todo-2@1") == 1, WITHIN);
        assertThat(deliveries("todo-1@1")).isEqualTo(4);
    }

    private void givenPollerStarted(Duration idleInterval) {
        poller = new LocalStreamPoller(new FakeDynamoDb(), stream, FakeDynamoDb.TABLE_NAME, this::handle, idleInterval,
                checkpoints, () -> true, Duration.ZERO, () -> {
                    throw new AssertionError("the table is there");
                });
        poller.start();
    }

    private void givenPollerIdle() {
        progress.await("a first read", () -> stream.count("getRecords") >= 1, WITHIN);
        progress.await("the poller waiting for its next poll",
                () -> stream.caller().getState() == Thread.State.TIMED_WAITING, WITHIN);
    }

    private StreamsEventResponse handle(DynamodbEvent event) {
        List<DynamodbStreamRecord> batch = List.copyOf(event.getRecords());
        batches.add(batch);
        progress.changed();
        if (throwing) {
            throw new IllegalStateException("handler bug");
        }
        return new StreamsEventResponse(batch.stream().filter(failing::apply)
                .map(record -> new BatchItemFailure(record.getDynamodb().getSequenceNumber())).toList());
    }

    private List<DynamodbStreamRecord> records() {
        return batches.stream().flatMap(List::stream).toList();
    }

    private long deliveries(String label) {
        return records().stream().filter(record -> label(record).equals(label)).count();
    }

    private static void awaitQuietly(FakeDynamoDbStreams.Hold hold) {
        try {
            assertThat(hold.reached.await(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Record upsert(String id) {
        Map<String, AttributeValue> image = Map.of("id", AttributeValue.fromS(id), "version", AttributeValue.fromN("1"));
        return Record.builder().eventID("event-" + id).eventName(OperationType.INSERT).eventSource("aws:dynamodb")
                .dynamodb(StreamRecord.builder().keys(Map.of("id", AttributeValue.fromS(id))).newImage(image).build())
                .build();
    }

    private static String label(DynamodbStreamRecord record) {
        return record.getDynamodb().getKeys().get("id").getS() + "@" + record.getDynamodb().getNewImage().get("version").getN();
    }
}
