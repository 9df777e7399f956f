package dev.livetodos.adapter.in.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.livetodos.application.port.in.PublishReport;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.application.port.in.PublishTodoChangesUseCase;
import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.ListChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one stream handler, for Lambda's event source mapping and the local poller alike: turns a
 * batch of todo-table stream records into changes to lists (their todos, members and the lists
 * themselves, see {@link TodoStreamRecords}), publishes them in stream order (each at its
 * record's sequence number), and reports the first record some subscriber did not get as the
 * batch item failure, so the batch is retried from there rather than failed whole, and the retry
 * goes only to the subscribers that missed something. A record that cannot be read as a change
 * (a corrupt item's image, a record without the images it needs) is skipped alone: logged in one
 * line with its event id and keys, counted in {@link #skippedRecords()}, and never reported as failed.
 */
public final class TodoStreamHandler implements Function<DynamodbEvent, StreamsEventResponse> {

    private static final Logger log = LoggerFactory.getLogger(TodoStreamHandler.class);

    private final PublishTodoChangesUseCase publish;
    private final Duration timeout;
    private final Clock clock;
    private final Timer lag;
    private final Counter skipped;
    private final Timer fanOut;
    private final DistributionSummary deliveries;
    private final Counter pruned;
    private final ObservationRegistry observations;

    /** The observation of one stream record; its span is named {@code stream record <event>}. */
    public static final String RECORD_OBSERVATION = "livetodos.trace.stream.record";
    /** The observation of one batch's publishing to the subscribers; its span is named {@code fan-out}. */
    public static final String FAN_OUT_OBSERVATION = "livetodos.trace.fanout";
    /** The item attribute that holds the trace context of the write that left it (W3C trace context). */
    public static final String TRACEPARENT = "traceparent";

    /** Its meters kept to itself (read {@link #skippedRecords()}); the host's registry is the other constructor's. */
    public TodoStreamHandler(PublishTodoChangesUseCase publish, Duration timeout) {
        this(publish, timeout, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    /** Observes nothing: no spans. */
    public TodoStreamHandler(PublishTodoChangesUseCase publish, Duration timeout, MeterRegistry meters, Clock clock) {
        this(publish, timeout, meters, clock, ObservationRegistry.NOOP);
    }

    /**
     * @param meters where it counts: {@code livetodos.stream.lag} (now minus each record's approximate
     *               creation time, whole seconds on AWS), {@code livetodos.stream.skipped} (unreadable
     *               records), {@code livetodos.fanout.duration} and {@code livetodos.fanout.deliveries}
     *               (per batch: its publishing, and the subscribers that got all of it), and
     *               {@code livetodos.subscribers.pruned} (gone, or let go for failing too often)
     * @param observations where its spans go: each record is observed as
     *               {@value #RECORD_OBSERVATION} (a consumer span that continues the trace of the
     *               write, read from the item's {@value #TRACEPARENT} attribute, or starts one),
     *               and the batch's publishing as {@value #FAN_OUT_OBSERVATION}, in the trace of
     *               the batch's first record that carries one (a batch of several writes, several
     *               traces: each of the others ends at its record's span)
     */
    public TodoStreamHandler(PublishTodoChangesUseCase publish, Duration timeout, MeterRegistry meters, Clock clock,
                             ObservationRegistry observations) {
        this.publish = publish;
        this.observations = observations;
        this.timeout = timeout;
        this.clock = clock;
        this.lag = Timer.builder("livetodos.stream.lag")
                .description("From a write to its stream record being handled (approximate creation time)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
        this.skipped = Counter.builder("livetodos.stream.skipped")
                .description("Stream records skipped because they could not be read as changes").register(meters);
        this.fanOut = Timer.builder("livetodos.fanout.duration")
                .description("Publishing one stream batch's changes to the subscribers who may see them")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(1))
                .register(meters);
        this.deliveries = DistributionSummary.builder("livetodos.fanout.deliveries")
                .description("Subscribers that got every change of a batch").baseUnit("subscribers").register(meters);
        this.pruned = Counter.builder("livetodos.subscribers.pruned")
                .description("Subscribers forgotten while publishing: gone, or failing too often").register(meters);
    }

    @Override
    public StreamsEventResponse apply(DynamodbEvent event) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<ListChange> changes = new ArrayList<>(records.size());
        List<DynamodbStreamRecord> sources = new ArrayList<>(records.size());
        Instant now = clock.instant();
        Observation traced = null;
        for (DynamodbStreamRecord record : records) {
            recordLag(record, now);
            Observation observation = Observation.createNotStarted(RECORD_OBSERVATION, () -> receiving(record), observations)
                    .contextualName("stream record " + record.getEventName())
                    .lowCardinalityKeyValue("stream.event", String.valueOf(record.getEventName()));
            if (traced == null && traceparentOf(record) != null) {
                traced = observation;
            }
            observation.observe(() -> read(record, changes, sources));
        }
        Observation fanOut = Observation.createNotStarted(FAN_OUT_OBSERVATION, observations).contextualName("fan-out");
        if (traced != null) {
            fanOut.parentObservation(traced);
        }
        List<String> failed = changes.isEmpty() ? List.of() : fanOut.observe(() -> failedPublishing(changes, sources));
        return StreamsEventResponse.builder()
                .withBatchItemFailures(failed.stream().distinct().map(BatchItemFailure::new).toList())
                .build();
    }

    private void read(DynamodbStreamRecord record, List<ListChange> changes, List<DynamodbStreamRecord> sources) {
        try {
            Optional<ListChange> change = TodoStreamRecords.toChange(record);
            if (change.isPresent()) {
                changes.add(change.get());
                sources.add(record);
            }
        } catch (RuntimeException e) {
            // Retrying cannot make it readable, and failing it would hold back (and, once the
            // retries are spent, drop) every valid change after it: it alone is skipped.
            skipped.increment();
            log.error("Skipped stream record {} (keys {}): {}", record.getEventID(), keysOf(record), e.getMessage());
        }
    }

    /** A consumer's context whose carrier is the record: the propagator reads {@value #TRACEPARENT} from it. */
    private static ReceiverContext<DynamodbStreamRecord> receiving(DynamodbStreamRecord record) {
        ReceiverContext<DynamodbStreamRecord> context = new ReceiverContext<>(
                (carrier, key) -> TRACEPARENT.equals(key) ? traceparentOf(carrier) : null, Kind.CONSUMER);
        context.setCarrier(record);
        context.setRemoteServiceName("dynamodb-streams");
        return context;
    }

    /** The trace context the write left on the item: its new image, or for a removal its old one. */
    private static String traceparentOf(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null) {
            return null;
        }
        var image = record.getDynamodb().getNewImage() != null ? record.getDynamodb().getNewImage() : record.getDynamodb().getOldImage();
        if (image == null || image.get(TRACEPARENT) == null) {
            return null;
        }
        return image.get(TRACEPARENT).getS();
    }

    /** Records skipped since this handler was made because they could not be read as changes. */
    public long skippedRecords() {
        return (long) skipped.count();
    }

    private void recordLag(DynamodbStreamRecord record, Instant now) {
        if (record.getDynamodb() != null && record.getDynamodb().getApproximateCreationDateTime() != null) {
            Duration behind = Duration.between(record.getDynamodb().getApproximateCreationDateTime().toInstant(), now);
            lag.record(behind.isNegative() ? Duration.ZERO : behind);
        }
    }

    private static String keysOf(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getKeys() == null) {
            return "unknown";
        }
        return record.getDynamodb().getKeys().entrySet().stream()
                .map(key -> key.getKey() + "=" + (key.getValue().getS() != null ? key.getValue().getS() : key.getValue()))
                .sorted()
                .collect(Collectors.joining(", "));
    }

    /**
     * The first record some subscriber did not get, so the mapping retries from it; the publish
     * has written down who is owed what, so the retry goes only to them for what they missed.
     */
    private List<String> failedPublishing(List<ListChange> changes, List<DynamodbStreamRecord> sources) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<StreamPosition> positions = sources.stream().map(TodoStreamHandler::position).toList();
        Timer.Sample publishing = Timer.start();
        try {
            // The fan-out's span goes with the publishing (its store reads, its sends) across threads.
            PublishReport report = publish.publish(new PublishTodoChangesCommand(changes, positions)).contextCapture().block(timeout);
            publishing.stop(fanOut);
            if (report == null) {
                return List.of();
            }
            deliveries.record(Math.max(0, report.subscribers() - report.undelivered().size() - report.forgotten()));
            pruned.increment(report.forgotten());
            return report.retryFrom().map(from -> List.of(sequenceNumber(sources.get(positions.indexOf(from)))))
                    .orElse(List.of());
        } catch (RuntimeException e) {
            publishing.stop(fanOut);
            log.warn("Publishing {} changes failed; the batch will be retried: {}", changes.size(), e.toString());
            return sources.stream().map(TodoStreamHandler::sequenceNumber).toList();
        }
    }

    private static StreamPosition position(DynamodbStreamRecord record) {
        return StreamPosition.of(sequenceNumber(record));
    }

    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }
}
