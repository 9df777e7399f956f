package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/**
 * A list's change feed for one of its members: every todo written (and every tombstone left)
 * after the caller's cursor, in {@code seq} order, a page at a time. Fails with
 * {@code ListNotFoundException} for anyone else, and with {@code CursorExpiredException} when
 * the cursor is older than the retention of deletes.
 */
public interface ListChangesUseCase {

    Mono<ListChanges> listChanges(ListChangesCommand command);
}
