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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
    private final AtomicLong skippedRecords = new AtomicLong();

    public TodoStreamHandler(PublishTodoChangesUseCase publish, Duration timeout) {
        this.publish = publish;
        this.timeout = timeout;
    }

    @Override
    public StreamsEventResponse apply(DynamodbEvent event) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<ListChange> changes = new ArrayList<>(records.size());
        List<DynamodbStreamRecord> sources = new ArrayList<>(records.size());
        for (DynamodbStreamRecord record : records) {
            try {
                Optional<ListChange> change = TodoStreamRecords.toChange(record);
                if (change.isPresent()) {
                    changes.add(change.get());
                    sources.add(record);
                }
            } catch (RuntimeException e) {
                // Retrying cannot make it readable, and failing it would hold back (and, once the
                // retries are spent, drop) every valid change after it: it alone is skipped.
                skippedRecords.incrementAndGet();
                log.error("Skipped stream record {} (keys {}): {}", record.getEventID(), keysOf(record), e.getMessage());
            }
        }
        List<String> failed = failedPublishing(changes, sources);
        return StreamsEventResponse.builder()
                .withBatchItemFailures(failed.stream().distinct().map(BatchItemFailure::new).toList())
                .build();
    }

    /** Records skipped since this handler was made because they could not be read as changes. */
    public long skippedRecords() {
        return skippedRecords.get();
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
        try {
            PublishReport report = publish.publish(new PublishTodoChangesCommand(changes, positions)).block(timeout);
            if (report == null) {
                return List.of();
            }
            return report.retryFrom().map(from -> List.of(sequenceNumber(sources.get(positions.indexOf(from)))))
                    .orElse(List.of());
        } catch (RuntimeException e) {
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
