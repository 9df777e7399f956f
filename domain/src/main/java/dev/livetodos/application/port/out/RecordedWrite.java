package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.WriteOutcome;
import java.util.Objects;

/**
 * A write kept under its sender's {@link IdempotencyKey}: what it asked for (its
 * {@code fingerprint}, to tell the same write sent again from a new one under a reused key) and
 * what it did. The store writes it in the same transaction as the write itself, so it exists if
 * and only if the write was applied.
 */
public record RecordedWrite(IdempotencyKey key, String fingerprint, WriteOutcome outcome) {

    public RecordedWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(outcome, "outcome");
    }
}
