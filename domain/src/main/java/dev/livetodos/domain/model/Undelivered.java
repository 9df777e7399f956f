package dev.livetodos.domain.model;

import java.util.Objects;

/**
 * A subscriber that has not had every change of a stretch of the stream: it got nothing from
 * {@code from} on. {@code failedAttempts} counts the attempts in a row that failed to deliver the
 * change at {@code from} to it (0 when it has not been tried yet), so one that never takes it can
 * be let go instead of holding the stream back for everyone.
 */
public record Undelivered(SubscriberId subscriber, StreamPosition from, int failedAttempts) {

    public Undelivered {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(from, "from");
        if (failedAttempts < 0) {
            throw new IllegalArgumentException("failed attempts are not negative, was " + failedAttempts);
        }
    }
}
