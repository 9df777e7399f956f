package dev.livetodos.application.service;

import dev.livetodos.domain.model.ConcurrentUpdateException;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Read, decide, write-if-unchanged; when another writer got in between, start again from a
 * fresh read. A request that named the version it expected then fails on that fresh read with a
 * conflict, one that did not simply applies to the newer state.
 */
final class OptimisticWrite {

    static final int MAX_ATTEMPTS = 5;

    private OptimisticWrite() {
    }

    static <T> Mono<T> attempt(Supplier<Mono<T>> readDecideWrite) {
        return attempt(readDecideWrite, 1);
    }

    private static <T> Mono<T> attempt(Supplier<Mono<T>> readDecideWrite, int attempt) {
        Mono<T> once = Mono.defer(readDecideWrite);
        if (attempt == MAX_ATTEMPTS) {
            return once;
        }
        return once.onErrorResume(ConcurrentUpdateException.class, raced -> attempt(readDecideWrite, attempt + 1));
    }
}
