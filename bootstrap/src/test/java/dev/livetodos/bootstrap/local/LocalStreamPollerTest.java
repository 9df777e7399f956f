package dev.livetodos.bootstrap.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The local stand-in for Lambda's event source mapping, against an in-memory stream: what it
 * hands to the stream handler, in which order and batches, from where it starts, how it retries,
 * and that it can be woken and stopped.
 */
class LocalStreamPollerTest {

    /** An idle interval short enough that tests never wait on it. */
    private static final Duration BRISK = Duration.ofMillis(20);
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final Progress progress = new Progress();
    private final FakeDynamoDbStreams stream = new FakeDynamoDbStreams(progress);
    private final RecordingHandler handler = new RecordingHandler();
    private final MemoryCheckpoints checkpoints = new MemoryCheckpoints(progress);
    private volatile boolean listening;
    private LocalStreamPoller poller;

    @AfterEach
    void stopPoller() {
        if (poller != null) {
            poller.stop();
        }
    }

    @Test
    void recordsWrittenAfterStartReachTheHandlerInShardOrderInBatchesOfAtMostOneHundred() {
        stream.openShard("shard-1");
        givenPollerStarted(BRISK);

        List<String> sequenceNumbers = stream.append("shard-1", upserts("todo-", 1, 250, 1));

        thenHandlerReceivesRecords(250);
        assertThat(handler.batches()).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(handler.records()).extracting(LocalStreamPollerTest::label)
                .containsExactlyElementsOf(labels("todo-", 1, 250, 1));
        assertThat(handler.records()).extracting(record -> record.getDynamodb().getSequenceNumber())
                .containsExactlyElementsOf(sequenceNumbers);
    }

    @Test
    void eachRecordIsHandedOverWithItsSequenceNumberKeysImagesAndStreamArn() {
        stream.openShard("shard-1");
        givenPollerStarted(BRISK);
        Map<String, AttributeValue> newImage = Map.of(
                "id", s("todo-1"),
                "version", AttributeValue.fromN("2"),
                "done", AttributeValue.fromBool(true),
                "note", AttributeValue.fromNul(true),
                "tags", AttributeValue.fromSs(List.of("home", "urgent")),
                "owner", AttributeValue.fromM(Map.of("name", s("Ann"), "rank", AttributeValue.fromN("3"))),
                "steps", AttributeValue.fromL(List.of(s("buy"), AttributeValue.fromN("7"), AttributeValue.fromBool(false))));
        Map<String, AttributeValue> oldImage = Map.of(
                "id", s("todo-1"),
                "version", AttributeValue.fromN("1"),
                "done", AttributeValue.fromBool(false));

        String sequenceNumber = stream.append("shard-1",
                List.of(record(OperationType.MODIFY, "todo-1", newImage, oldImage))).get(0);

        thenHandlerReceivesRecords(1);
        DynamodbStreamRecord record = handler.records().get(0);
        assertThat(record.getEventSourceARN()).isEqualTo(FakeDynamoDbStreams.STREAM_ARN);
        assertThat(record.getEventName()).isEqualTo("MODIFY");
        assertThat(record.getEventSource()).isEqualTo("aws:dynamodb");
        assertThat(record.getEventID()).isEqualTo("event-todo-1");
        assertThat(record.getDynamodb().getSequenceNumber()).isEqualTo(sequenceNumber);
        assertThat(record.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(record.getDynamodb().getKeys()).isEqualTo(Map.of("id", eventValue().withS("todo-1")));
        assertThat(record.getDynamodb().getNewImage()).isEqualTo(Map.of(
                "id", eventValue().withS("todo-1"),
                "version", eventValue().withN("2"),
                "done", eventValue().withBOOL(true),
                "note", eventValue().withNULL(true),
                "tags", eventValue().withSS("home", "urgent"),
                "owner", eventValue().withM(Map.of(
                        "name", eventValue().withS("Ann"), "rank", eventValue().withN("3"))),
                "steps", eventValue().withL(
                        eventValue().withS("buy"), eventValue().withN("7"), eventValue().withBOOL(false))));
        assertThat(record.getDynamodb().getOldImage()).isEqualTo(Map.of(
                "id", eventValue().withS("todo-1"),
                "version", eventValue().withN("1"),
                "done", eventValue().withBOOL(false)));
    }

    @Test
    void givenNoCheckpoint_thenRecordsWrittenBeforeStartAreDeliveredFromTheOldestRetained() {
        stream.openShard("shard-1");
        stream.append("shard-1", upserts("before-", 1, 5, 1));
        givenPollerStarted(BRISK);

        stream.append("shard-1", List.of(upsert("after-1", 1)));

        thenHandlerReceivesRecords(6);
        assertThat(handler.records()).extracting(LocalStreamPollerTest::label).containsExactlyElementsOf(
                concat(labels("before-", 1, 5, 1), List.of("after-1@1")));
        assertThat(stream.calls()).contains("getShardIterator shard-1 TRIM_HORIZON").doesNotContain("getShardIterator shard-1 LATEST");
    }

    @Test
    void givenACheckpoint_thenReadingResumesRightAfterIt() {
        stream.openShard("shard-1");
        List<String> before = stream.append("shard-1", upserts("before-", 1, 5, 1));
        checkpoints.save(FakeDynamoDbStreams.STREAM_ARN, Map.of("shard-1", before.get(2)));
        givenPollerStarted(BRISK);

        stream.append("shard-1", List.of(upsert("after-1", 1)));

        thenHandlerReceivesRecords(3);
        assertThat(handler.records()).extracting(LocalStreamPollerTest::label)
                .containsExactly("before-4@1", "before-5@1", "after-1@1");
        assertThat(stream.calls()).contains("getShardIterator shard-1 AFTER_SEQUENCE_NUMBER " + before.get(2));
    }

    @Test
    void aCheckpointOfAnotherStreamIsIgnored() {
        stream.openShard("shard-1");
        List<String> before = stream.append("shard-1", upserts("before-", 1, 3, 1));
        checkpoints.save("arn:aws:dynamodb:ddblocal:000000000000:table/todos/stream/1999-01-01T00:00:00.000",
                Map.of("shard-1", before.get(2)));
        givenPollerStarted(BRISK);

        thenHandlerReceivesRecords(3);
        assertThat(handler.records()).extracting(LocalStreamPollerTest::label).containsExactlyElementsOf(labels("before-", 1, 3, 1));
    }

    @Test
    void givenTheCheckpointedShardWasTrimmed_thenItsChildIsReadFromItsFirstRecord() {
        stream.openShard("child", "trimmed-parent");
        stream.append("child", upserts("todo-", 1, 3, 1));
        checkpoints.save(FakeDynamoDbStreams.STREAM_ARN, Map.of("trimmed-parent", "000000000000000000042"));
        givenPollerStarted(BRISK);

        thenHandlerReceivesRecords(3);
        assertThat(stream.calls()).contains("getShardIterator child TRIM_HORIZON");
        progress.await("the trimmed shard's position dropped from the checkpoint",
                () -> checkpoints.positions().equals(Map.of("child", stream.lastSequenceNumber())), WITHIN);
    }

    @Test
    void theCheckpointHoldsTheLastRecordTheHandlerTookWithoutFailingIt() {
        stream.openShard("shard-1");
        handler.failing = (label, delivery) -> label.equals("todo-3@1") && delivery == 1;
        givenPollerStarted(BRISK);

        List<String> sequenceNumbers = stream.append("shard-1", upserts("todo-", 1, 5, 1));

        thenHandlerReceivesRecords(8);
        progress.await("the checkpoint at the last record",
                () -> checkpoints.positions().equals(Map.of("shard-1", sequenceNumbers.get(4))), WITHIN);
        // While todo-3 was failed, the checkpoint never passed it.
        assertThat(checkpoints.saved()).allSatisfy(saved -> assertThat(saved.getOrDefault("shard-1", ""))
                .satisfiesAnyOf(seq -> assertThat(seq).isLessThan(sequenceNumbers.get(2)), seq -> assertThat(seq).isEqualTo(sequenceNumbers.get(4))));
    }

    @Test
    void theBacklogIsHeldUntilASubscriberIsThere() {
        stream.openShard("shard-1");
        stream.append("shard-1", upserts("before-", 1, 3, 1));
        givenPollerStarted(BRISK, Duration.ofHours(1));

        boolean handedOverEarly = progress.holdsWithin(() -> !handler.records().isEmpty(), Duration.ofMillis(300));
        listening = true;

        assertThat(handedOverEarly).as("records handed over before anyone listened").isFalse();
        thenHandlerReceivesRecords(3);
    }

    @Test
    void theBacklogIsHandedOverWhenTheGraceEndsWithoutASubscriber() {
        stream.openShard("shard-1");
        stream.append("shard-1", upserts("before-", 1, 3, 1));

        givenPollerStarted(BRISK, Duration.ofMillis(200));

        thenHandlerReceivesRecords(3);
    }

    @Test
    void aChildShardIsReadFromItsFirstRecordOnlyAfterItsParentWasReadToTheEnd() {
        stream.openShard("parent");
        givenPollerStarted(BRISK);
        // The poller lists the child while the parent still has records it has not read.
        stream.openShard("child", "parent");
        stream.withholdRecordsOfUntilListed("parent", "child");

        stream.append("parent", upserts("todo-", 1, 250, 1));
        stream.close("parent");
        stream.append("child", upserts("todo-", 1, 3, 2));

        thenHandlerReceivesRecords(253);
        assertThat(handler.records()).extracting(LocalStreamPollerTest::label).containsExactlyElementsOf(
                concat(labels("todo-", 1, 250, 1), labels("todo-", 1, 3, 2)));
        assertThat(stream.calls()).contains("getShardIterator child TRIM_HORIZON");
    }

    @Test
    void aShardWhoseParentIsNoLongerListedIsReadFromItsFirstRecord() {
        stream.openShard("shard-1");
        stream.close("shard-1");
        givenPollerStarted(BRISK);

        // Listed on the stream's second page, after the closed shard.
        stream.openShard("shard-2", "shard-0-trimmed");
        stream.append("shard-2", upserts("todo-", 1, 3, 1));

        thenHandlerReceivesRecords(3);
        assertThat(handler.records()).extracting(LocalStreamPollerTest::label)
                .containsExactly("todo-1@1", "todo-2@1", "todo-3@1");
        assertThat(stream.calls()).contains("getShardIterator shard-2 TRIM_HORIZON");
    }

    @Test
    void aFailedRecordIsRetriedFromExactlyThatRecord() {
        stream.openShard("shard-1");
        handler.failing = (label, delivery) -> label.equals("todo-3@1") && delivery == 1;
        givenPollerStarted(BRISK);

        List<String> sequenceNumbers = stream.append("shard-1", upserts("todo-", 1, 5, 1));

        thenHandlerReceivesRecords(8);
        assertThat(handler.batches()).extracting(LocalStreamPollerTest::labelsOf).containsExactly(
                List.of("todo-1@1", "todo-2@1", "todo-3@1", "todo-4@1", "todo-5@1"),
                List.of("todo-3@1", "todo-4@1", "todo-5@1"));
        assertThat(stream.calls()).contains("getShardIterator shard-1 AT_SEQUENCE_NUMBER " + sequenceNumbers.get(2));
    }

    @Test
    void aRecordThatKeepsFailingIsGivenUpAfterThreeRetriesAndLaterRecordsFollow() {
        stream.openShard("shard-1");
        handler.failing = (label, delivery) -> label.equals("todo-10@1");
        givenPollerStarted(BRISK);

        stream.append("shard-1", upserts("todo-", 1, 120, 1));
        // The first delivery and three retries of the batch from todo-10; then the rest of the shard.
        thenHandlerReceivesRecords(100 + 3 * 100 + 11);
        stream.append("shard-1", List.of(upsert("todo-121", 1)));

        thenHandlerReceivesRecords(100 + 3 * 100 + 11 + 1);
        List<String> retried = labels("todo-", 10, 109, 1);
        assertThat(handler.batches()).extracting(LocalStreamPollerTest::labelsOf).containsExactly(
                labels("todo-", 1, 100, 1), retried, retried, retried, labels("todo-", 110, 120, 1), List.of("todo-121@1"));
    }

    @Test
    void aNudgeMakesThePollerReadAtOnceDespiteALongIdleInterval() {
        stream.openShard("shard-1");
        givenPollerStarted(Duration.ofHours(1));
        givenPollerIdle();

        stream.append("shard-1", List.of(upsert("todo-1", 1)));
        poller.nudge();
        thenHandlerReceivesRecords(1);
        givenPollerIdle();
        stream.append("shard-1", List.of(upsert("todo-1", 2)));
        poller.nudge();

        thenHandlerReceivesRecords(2);
        assertThat(handler.records()).extracting(LocalStreamPollerTest::label).containsExactly("todo-1@1", "todo-1@2");
    }

    @Test
    void stopEndsThePollingThreadAndNothingIsCalledAfterwards() throws InterruptedException {
        stream.openShard("shard-1");
        givenPollerStarted(BRISK);
        progress.await("a few reads", () -> stream.count("getRecords") >= 3, WITHIN);
        Thread pollerThread = stream.caller();
        assertThat(poller.isRunning()).isTrue();

        poller.stop();

        int callsAtStop = stream.callCount();
        assertThat(poller.isRunning()).isFalse();
        pollerThread.join(WITHIN.toMillis());
        assertThat(pollerThread.isAlive()).isFalse();
        assertThat(stream.callCount()).isEqualTo(callsAtStop);
    }

    // given / then

    private void givenPollerStarted(Duration idleInterval) {
        givenPollerStarted(idleInterval, Duration.ZERO);
    }

    private void givenPollerStarted(Duration idleInterval, Duration replayGrace) {
        poller = new LocalStreamPoller(new FakeDynamoDb(), stream, FakeDynamoDb.TABLE_NAME, handler, idleInterval,
                checkpoints, () -> listening, replayGrace, () -> {
                    throw new AssertionError("the table is there");
                });
        poller.start();
    }

    /** Waits until the poller has read and is waiting for its next poll. */
    private void givenPollerIdle() {
        progress.await("a first read", () -> stream.count("getRecords") >= 1, WITHIN);
        progress.await("the poller waiting for its next poll",
                () -> stream.caller().getState() == Thread.State.TIMED_WAITING, WITHIN);
    }

    private void thenHandlerReceivesRecords(int count) {
        progress.await(count + " records handed over (so far " + handler.records().size() + ")",
                () -> handler.records().size() >= count, WITHIN);
        assertThat(handler.records()).hasSize(count);
    }

    // Stream records as DynamoDB writes them for the todo table

    private static List<Record> upserts(String idPrefix, int from, int to, int version) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> upsert(idPrefix + i, version)).toList();
    }

    private static Record upsert(String id, int version) {
        Map<String, AttributeValue> newImage = Map.of(
                "id", s(id), "name", s("Todo " + id), "version", AttributeValue.fromN(Integer.toString(version)));
        Map<String, AttributeValue> oldImage = version == 1 ? null : Map.of(
                "id", s(id), "name", s("Todo " + id), "version", AttributeValue.fromN(Integer.toString(version - 1)));
        return record(version == 1 ? OperationType.INSERT : OperationType.MODIFY, id, newImage, oldImage);
    }

    private static Record record(OperationType operation, String id, Map<String, AttributeValue> newImage,
                                 Map<String, AttributeValue> oldImage) {
        return Record.builder()
                .eventID("event-" + id)
                .eventName(operation)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("ddblocal")
                .dynamodb(StreamRecord.builder()
                        .approximateCreationDateTime(Instant.parse("2025-01-01T00:00:00Z"))
                        .keys(Map.of("id", s(id)))
                        .newImage(newImage)
                        .oldImage(oldImage)
                        .sizeBytes(100L)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** An attribute value as the handler sees it: Lambda's event model, not the SDK's. */
    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue eventValue() {
        return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    }

    /** A delivered record as "id@version", from its keys and new image. */
    private static String label(DynamodbStreamRecord record) {
        return record.getDynamodb().getKeys().get("id").getS() + "@" + record.getDynamodb().getNewImage().get("version").getN();
    }

    private static List<String> labelsOf(List<DynamodbStreamRecord> batch) {
        return batch.stream().map(LocalStreamPollerTest::label).toList();
    }

    /** The labels of {@link #upserts} with the same arguments. */
    private static List<String> labels(String idPrefix, int from, int to, int version) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> idPrefix + i + "@" + version).toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /**
     * The stream handler's part: keeps every batch it is given and reports as failed the records
     * {@link #failing} picks, by label and by how many times that record has now been delivered.
     */
    private final class RecordingHandler implements Function<DynamodbEvent, StreamsEventResponse> {

        private final List<List<DynamodbStreamRecord>> batches = new CopyOnWriteArrayList<>();
        volatile BiPredicate<String, Long> failing = (label, delivery) -> false;

        @Override
        public StreamsEventResponse apply(DynamodbEvent event) {
            List<DynamodbStreamRecord> batch = List.copyOf(event.getRecords());
            batches.add(batch);
            List<BatchItemFailure> failures = batch.stream()
                    .filter(record -> failing.test(label(record), deliveries(label(record))))
                    .map(record -> new BatchItemFailure(record.getDynamodb().getSequenceNumber()))
                    .toList();
            progress.changed();
            return new StreamsEventResponse(failures);
        }

        List<List<DynamodbStreamRecord>> batches() {
            return List.copyOf(batches);
        }

        List<DynamodbStreamRecord> records() {
            return batches.stream().flatMap(List::stream).toList();
        }

        private long deliveries(String label) {
            return records().stream().filter(record -> label(record).equals(label)).count();
        }
    }
}
