package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.Redelivery;
import dev.livetodos.domain.model.StreamPosition;
import reactor.core.publisher.Mono;

/**
 * Where publishing writes down the deliveries an attempt left undone, under the position the
 * stream is retried from (the first change somebody missed), so the retry sends only what is
 * owed to whom. What is written here is short-lived: a stretch of the stream is retried within
 * minutes or given up.
 */
public interface PendingDeliveries {

    /** What earlier attempts left undone for the stretch starting at {@code retryFrom}; empty if nothing. */
    Mono<Redelivery> find(StreamPosition retryFrom);

    /** Writes down (or replaces) what is owed for the stretch starting at {@code retryFrom}. */
    Mono<Void> put(StreamPosition retryFrom, Redelivery redelivery);

    /** Nothing is owed any more for the stretch starting at {@code retryFrom}; removing none does nothing. */
    Mono<Void> remove(StreamPosition retryFrom);

    /** For callers that do not retry: nothing is written down, so a retry would go to everyone. */
    static PendingDeliveries notKept() {
        return new PendingDeliveries() {
            @Override
            public Mono<Redelivery> find(StreamPosition retryFrom) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> put(StreamPosition retryFrom, Redelivery redelivery) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> remove(StreamPosition retryFrom) {
                return Mono.empty();
            }
        };
    }
}
