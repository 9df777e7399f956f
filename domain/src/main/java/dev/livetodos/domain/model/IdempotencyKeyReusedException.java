package dev.livetodos.domain.model;

/**
 * A write came with an {@link IdempotencyKey} its sender already used for a different write: it
 * is not the same write sent again, so it is neither applied nor answered as that one. Nothing
 * was written.
 */
public final class IdempotencyKeyReusedException extends TodoException {

    private final IdempotencyKey key;

    public IdempotencyKeyReusedException(IdempotencyKey key) {
        super("The Idempotency-Key " + key + " was already used for a different write; use a new key for a new write.", null);
        this.key = key;
    }

    public IdempotencyKey key() {
        return key;
    }
}
