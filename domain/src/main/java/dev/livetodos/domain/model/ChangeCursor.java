package dev.livetodos.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a reader of a list's change feed stands: it holds every write to the list up to
 * {@code seq}, as the server told it at {@code issuedAt}. Every later write to the list came after
 * that moment, so while {@code issuedAt} is within the tombstones' retention, the feed after
 * {@code seq} still holds every delete the reader has missed; after it, the reader must read the
 * whole list again. Clients see it only as an opaque text (written by the adapters).
 */
public record ChangeCursor(long seq, Instant issuedAt) {

    public ChangeCursor {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** Whether the feed after this cursor may have lost deletes: issued longer ago than the retention. */
    public boolean isOlderThan(Duration retention, Instant now) {
        return issuedAt.plus(retention).isBefore(now);
    }
}
