package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The todos of one list (see {@link TodoStore}). Every method fails with {@code StoreUnavailableException} when the store
 * cannot be reached, and the writes with {@code ConcurrentUpdateException} when another writer
 * got there first; in both cases nothing was written.
 *
 * <p>A deleted todo leaves a tombstone under its id: the version its delete wrote (its last
 * version plus one), kept for a retention period the store decides. No read shows a tombstone;
 * only {@link #insertIfAbsent} reports one, so a todo created again under that id continues the
 * deleted one's versions and everyone who applies only newer versions takes it.
 */
public interface TodoRepository {

    /** Every todo of the list, in no particular order, however many there are. */
    Flux<Todo> findAll();

    Mono<Todo> findById(TodoId id);

    /** The todos with these ids that exist, read together as one consistent snapshot. */
    Flux<Todo> findAllById(Collection<TodoId> ids);

    /**
     * Stores the todo if its id is free, and emits nothing. The id is free when nothing is stored
     * under it, or when it holds the tombstone of exactly the version before the todo's (see
     * {@link Todo#continuingAfter}). Otherwise nothing is written and this emits what holds the
     * id: the live todo, or the tombstone, whose version the next try continues from.
     */
    Mono<Occupant> insertIfAbsent(Todo todo);

    /** Stores all of them together, each only if it is still at the version before its own. */
    Mono<Void> updateAll(List<Todo> updated);

    /** Deletes all of them together, each only if it is still at the version given. */
    Mono<Void> deleteAll(List<Todo> existing);

    /**
     * Deletes the todo with this id whatever its version, in one write without reading first
     * (its tombstone one version after whatever it was); emits the id when a todo had it, nothing
     * when none did (never created, or deleted already).
     */
    Mono<TodoId> removeIfPresent(TodoId id);
}
