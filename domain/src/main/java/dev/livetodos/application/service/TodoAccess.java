package dev.livetodos.application.service;

import dev.livetodos.application.port.out.ListWithCaller;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.ListAccess;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.WriteNotAllowedException;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * How the todo services apply {@link ListAccess}: whoever may not see a list learns nothing of its
 * todos, not even that one is missing or at another version. The caller's membership is read at
 * the same time as the todos (one round trip, not two), and the todos' answer, whatever it is, is
 * held back until the membership allows it.
 *
 * <p>Writes need no read for access: the store commits a write only while the writer may still
 * change the list's todos. When it refuses ({@link WriteNotAllowedException}) the membership is
 * read to tell the caller why; if it allows the write after all (they were let back in at that
 * moment), the write is tried again like any other lost race.
 */
final class TodoAccess {

    private final Lists lists;

    TodoAccess(Lists lists) {
        this.lists = lists;
    }

    /**
     * Runs {@code work} (reads, and perhaps a write) beside the check that the caller may do
     * {@code operation}; emits its outcome only if they may.
     */
    <T> Mono<T> checked(ListId list, PersonId caller, ListOperation operation, Mono<T> work) {
        return Mono.zip(require(list, caller, operation), explained(list, caller, work).materialize(), (role, outcome) -> outcome)
                .flatMap(TodoAccess::dematerialize);
    }

    /** Runs a write that needs no read first; the store's refusal is explained. */
    <T> Mono<T> write(ListId list, PersonId caller, Mono<T> write) {
        return explained(list, caller, write);
    }

    private <T> Mono<T> explained(ListId list, PersonId caller, Mono<T> write) {
        return write.onErrorResume(WriteNotAllowedException.class, refused -> require(list, caller, ListOperation.WRITE_TODOS)
                .then(Mono.error(() -> new ConcurrentUpdateException(
                        "The membership of list " + list + " changed while writing; try again."))));
    }

    /** Completes with the caller's role when they may do this, fails with what they are told otherwise. */
    private Mono<Role> require(ListId list, PersonId caller, ListOperation operation) {
        return lists.findFor(list, caller)
                .map(ListWithCaller::callerRole)
                .defaultIfEmpty(Optional.empty())
                .map(role -> ListAccess.require(list, role, operation));
    }

    private static <T> Mono<T> dematerialize(Signal<T> signal) {
        if (signal.isOnError()) {
            return Mono.error(signal.getThrowable());
        }
        return signal.isOnNext() ? Mono.just(signal.get()) : Mono.empty();
    }
}
