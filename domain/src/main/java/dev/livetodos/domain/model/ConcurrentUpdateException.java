package dev.livetodos.domain.model;

/**
 * Someone else wrote one of the todos between reading and writing them; nothing was written.
 * Services try again from a fresh read before giving up.
 */
public final class ConcurrentUpdateException extends TodoException {

    public ConcurrentUpdateException(String message) {
        super(message, null);
    }
}
