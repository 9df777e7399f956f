package dev.livetodos.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * What earlier attempts at a stretch of the stream achieved: every change up to and including
 * {@code attemptedThrough} reached every subscriber there was then, except the {@code pending}
 * ones, each of which still lacks the changes from its own {@code from} on. A retry of that
 * stretch owes those changes to the pending subscribers only; the others already have them.
 */
public record Redelivery(StreamPosition attemptedThrough, List<Undelivered> pending) {

    public Redelivery {
        Objects.requireNonNull(attemptedThrough, "attemptedThrough");
        pending = List.copyOf(pending);
        if (pending.stream().map(Undelivered::subscriber).distinct().count() != pending.size()) {
            throw new IllegalArgumentException("a subscriber is pending once, not " + pending);
        }
    }
}
