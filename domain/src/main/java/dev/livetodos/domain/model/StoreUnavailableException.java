package dev.livetodos.domain.model;

/** The todo store cannot be reached or is overloaded right now; asking again later may work. */
public final class StoreUnavailableException extends TodoException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
