package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where todos are kept. Every method fails with {@code StoreUnavailableException} when the store
 * cannot be reached, and the writes with {@code ConcurrentUpdateException} when another writer
 * got there first; in both cases nothing was written.
 */
public interface TodoRepository {

    /** Every todo, in no particular order, however many there are. */
    Flux<Todo> findAll();

    Mono<Todo> findById(TodoId id);

    /** The todos with these ids that exist, read together as one consistent snapshot. */
    Flux<Todo> findAllById(Collection<TodoId> ids);

    /** Stores the todo if its id is free; otherwise emits the todo already stored under it. */
    Mono<Todo> insertIfAbsent(Todo todo);

    /** Stores all of them together, each only if it is still at the version before its own. */
    Mono<Void> updateAll(List<Todo> updated);

    /** Removes all of them together, each only if it is still at the version given. */
    Mono<Void> deleteAll(List<Todo> existing);

    /**
     * Removes the todo with this id whatever its version, in one write without reading first;
     * emits the todo as it was, or nothing when there was none.
     */
    Mono<Todo> removeIfPresent(TodoId id);
}
