package dev.livetodos.adapter.in.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.livetodos.application.port.in.PublishReport;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.application.port.in.PublishTodoChangesUseCase;
import dev.livetodos.domain.model.ListChange;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.SubscriberId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import dev.livetodos.domain.model.Undelivered;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The stream handler with the event JSON Lambda really sends. */
class TodoStreamHandlerTest {

    private final List<PublishTodoChangesCommand> published = new ArrayList<>();

    @Test
    void publishesInsertsUpdatesAndDeletesInStreamOrder() {
        TodoStreamHandler handler = handlerWhosePublish(command -> Mono.just(delivered()));

        StreamsEventResponse response = handler.apply(event("todo-stream-batch.json"));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(published).hasSize(1);
        Todo inserted = new Todo(new TodoId("a1"), "Buy milk \"2%\"", TodoStatus.PENDING, 1,
                Instant.parse("2026-11-23T10:00:00.123Z"), Instant.parse("2026-11-23T10:00:00.123Z"));
        Todo completed = new Todo(new TodoId("a1"), "Buy milk \"2%\"", TodoStatus.COMPLETED, 2,
                Instant.parse("2026-11-23T10:00:00.123Z"), Instant.parse("2026-11-23T10:00:01Z"));
        assertThat(todoChangesOf(published.get(0))).containsExactly(
                new TodoChange.Upserted(inserted),
                new TodoChange.Upserted(completed),
                new TodoChange.Deleted(new TodoId("a1"), 3));
    }

    @Test
    void publishesEachChangeAtItsRecordsSequenceNumber() {
        TodoStreamHandler handler = handlerWhosePublish(command -> Mono.just(delivered()));

        handler.apply(event("todo-stream-batch.json"));

        assertThat(published.get(0).positions()).containsExactly(StreamPosition.of("100000000000000000001"),
                StreamPosition.of("100000000000000000002"), StreamPosition.of("100000000000000000004"));
    }

    @Test
    void givenSubscribersMissedChanges_thenOnlyTheFirstRecordAnyoneMissedIsReported() {
        // One subscriber missed the delete, another the update before it; the profile item in
        // between is not a todo and was never published. The mapping retries from the update.
        TodoStreamHandler handler = handlerWhosePublish(command -> Mono.just(new PublishReport(List.of(
                new Undelivered(new SubscriberId("b"), StreamPosition.of("100000000000000000004"), 1),
                new Undelivered(new SubscriberId("a"), StreamPosition.of("100000000000000000002"), 1)), 3, 0)));

        StreamsEventResponse response = handler.apply(event("todo-stream-batch.json"));

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly("100000000000000000002");
    }

    @Test
    void givenPublishingFailsOutright_thenEveryTodoRecordIsReported() {
        TodoStreamHandler handler = handlerWhosePublish(command -> Mono.error(new IllegalStateException("registry down")));

        StreamsEventResponse response = handler.apply(event("todo-stream-batch.json"));

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly("100000000000000000001", "100000000000000000002", "100000000000000000004");
    }

    @Test
    void givenARecordWithoutTheImageItNeeds_thenOnlyItIsSkippedAndNoneIsReported() {
        TodoStreamHandler handler = handlerWhosePublish(command -> Mono.just(delivered()));

        StreamsEventResponse response = handler.apply(event("keys-only-remove.json"));

        assertThat(published).singleElement().satisfies(command -> assertThat(todoChangesOf(command))
                .extracting(TodoChange::id).containsExactly(new TodoId("b2"), new TodoId("c3")));
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handler.skippedRecords()).isEqualTo(1);
    }

    @Test
    void tombstonesAreDeletesTheirExpiryIsNoChangeAndARecreatedTodoContinuesItsVersions() {
        TodoStreamHandler handler = handlerWhosePublish(command -> Mono.just(delivered()));

        StreamsEventResponse response = handler.apply(event("tombstones.json"));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handler.skippedRecords()).isZero();
        assertThat(published).singleElement().satisfies(command -> assertThat(todoChangesOf(command)).containsExactly(
                new TodoChange.Upserted(new Todo(new TodoId("d4"), "Pay rent", TodoStatus.PENDING, 1,
                        Instant.parse("2026-11-23T13:00:00Z"), Instant.parse("2026-11-23T13:00:00Z"))),
                new TodoChange.Deleted(new TodoId("d4"), 2),
                new TodoChange.Upserted(new Todo(new TodoId("d4"), "Pay rent again", TodoStatus.PENDING, 3,
                        Instant.parse("2026-11-23T13:00:05Z"), Instant.parse("2026-11-23T13:00:05Z"))),
                // e5's tombstone expiring (record 4) is no change; f6 removed by hand is deleted at 6 + 1.
                new TodoChange.Deleted(new TodoId("f6"), 7)));
    }

    @Test
    void givenOneCorruptRecordAmongTwelve_thenTheElevenOthersAreDeliveredAndNoneIsReported() {
        TodoStreamHandler handler = handlerWhosePublish(command -> Mono.just(delivered()));

        StreamsEventResponse response = handler.apply(event("one-corrupt-in-twelve.json"));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handler.skippedRecords()).isEqualTo(1);
        assertThat(published).flatExtracting(TodoStreamHandlerTest::todoChangesOf).extracting(change -> change.id().value())
                .containsExactly("t01", "t02", "t03", "t04", "t05", "t07", "t08", "t09", "t10", "t11", "t12");
    }

    @Test
    void givenOnlyOtherItems_thenNothingIsPublished() {
        DynamodbEvent event = event("todo-stream-batch.json");
        event.setRecords(List.of(event.getRecords().get(2)));
        TodoStreamHandler handler = handlerWhosePublish(command -> Mono.just(delivered()));

        StreamsEventResponse response = handler.apply(event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void everyTodoChangeCarriesTheListItsItemIsUnder() {
        TodoStreamHandler handler = handlerWhosePublish(command -> Mono.just(delivered()));

        handler.apply(event("todo-stream-batch.json"));

        assertThat(published.get(0).changes()).extracting(ListChange::listId).containsOnly(ListId.of("default"));
    }

    @Test
    void measuresEachRecordsLagTheFanOutItsDeliveriesAndThePrunedSubscribers() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DynamodbEvent event = event("todo-stream-batch.json");
        Instant written = event.getRecords().get(0).getDynamodb().getApproximateCreationDateTime().toInstant();
        Clock threeSecondsLater = Clock.fixed(written.plusSeconds(3), ZoneOffset.UTC);
        TodoStreamHandler handler = new TodoStreamHandler(command -> Mono.just(new PublishReport(List.of(), 5, 2)),
                Duration.ofSeconds(5), meters, threeSecondsLater);

        handler.apply(event);

        Timer lag = meters.get("livetodos.stream.lag").timer();
        assertThat(lag.count()).isEqualTo(event.getRecords().size());
        assertThat(lag.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(3);
        assertThat(meters.get("livetodos.fanout.duration").timer().count()).isEqualTo(1);
        assertThat(meters.get("livetodos.fanout.deliveries").summary().totalAmount()).isEqualTo(3);
        assertThat(meters.get("livetodos.subscribers.pruned").counter().count()).isEqualTo(2);
        assertThat(meters.get("livetodos.stream.skipped").counter().count()).isZero();
    }

    /** The todo changes of the command, all of them, in order (the fixtures hold no list or member items). */
    static List<TodoChange> todoChangesOf(PublishTodoChangesCommand command) {
        return command.changes().stream().map(change -> ((ListChange.TodoChanged) change).change()).toList();
    }

    private TodoStreamHandler handlerWhosePublish(Function<PublishTodoChangesCommand, Mono<PublishReport>> answer) {
        PublishTodoChangesUseCase publish = command -> {
            published.add(command);
            return answer.apply(command);
        };
        return new TodoStreamHandler(publish, Duration.ofSeconds(5));
    }

    private static PublishReport delivered() {
        return new PublishReport(List.of(), 1, 0);
    }

    private static DynamodbEvent event(String name) {
        try (InputStream json = TodoStreamHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, TodoStreamHandlerTest.class.getClassLoader())
                    .fromJson(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
