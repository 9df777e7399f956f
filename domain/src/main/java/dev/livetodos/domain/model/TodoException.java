package dev.livetodos.domain.model;

/**
 * Why a request about todos could not be done. Each kind is expected in normal use, so none of
 * them records a stack trace.
 */
public abstract sealed class TodoException extends RuntimeException
        permits InvalidTodoException, TodoNotFoundException, TodoConflictException,
        ConcurrentUpdateException, StoreUnavailableException, WriteNotAllowedException, IdempotencyKeyReusedException {

    protected TodoException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
