package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.IdempotencyKey;
import java.util.Objects;

/**
 * Asks a {@link TodoRepository} to keep its next write under the writer's key, with what it asked
 * for: the store writes the {@link RecordedWrite} in the write's own transaction, and only if no
 * write is kept under that key yet (otherwise nothing is written and the write fails as a race,
 * so that its retry finds the one kept).
 */
public record WriteRecord(IdempotencyKey key, String fingerprint) {

    public WriteRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
