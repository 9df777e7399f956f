package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.Undelivered;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What publishing a batch achieved.
 *
 * @param undelivered each subscriber still there that did not get every change, with the first
 *                    change it did not get (a subscriber let go for failing too often is not here)
 * @param subscribers how many subscribers the batch was for (the connections of the people on its lists)
 * @param forgotten   how many of them were forgotten: gone, or let go for failing too often
 */
public record PublishReport(List<Undelivered> undelivered, int subscribers, int forgotten) {

    public PublishReport {
        undelivered = List.copyOf(undelivered);
    }

    public boolean deliveredToAll() {
        return undelivered.isEmpty();
    }

    /** The earliest change any subscriber did not get: where the batch must be retried from. */
    public Optional<StreamPosition> retryFrom() {
        return undelivered.stream().map(Undelivered::from).min(Comparator.naturalOrder());
    }
}
