package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoList;
import reactor.core.publisher.Mono;

/**
 * Where lists are kept. Every method fails with {@code StoreUnavailableException} when the store
 * cannot be reached, and the writes with {@code ConcurrentUpdateException} when another writer
 * got there first; in both cases nothing was written.
 *
 * <p>A list that is being deleted is gone for every read at once; its id stays taken until the
 * last of its items has been removed, so a new list under that id never meets an old one's
 * leftovers.
 */
public interface Lists {

    /**
     * Stores the list and its owner's membership together, or neither, if the id is free, and
     * emits nothing. If the id holds a list, nothing is written and this emits that list; if it
     * holds one that is being deleted, it fails with {@code ListConflictException}.
     */
    Mono<TodoList> createIfAbsent(TodoList list, Member owner);

    Mono<TodoList> find(ListId id);

    /**
     * The list and the person's membership of it, read at once; empty when there is no such
     * list. What services decide access on.
     */
    Mono<ListWithCaller> findFor(ListId id, PersonId person);

    /**
     * Stores the renamed list only if it is still at the version before the renamed one's; emits
     * it as stored, with the list's {@code seq} the rename took (a rename is a write to the list).
     */
    Mono<TodoList> rename(TodoList renamed);

    /**
     * Deletes the list, every membership of it and its todos. Nobody can reach the list from the
     * moment this starts; when it completes nothing of it is left. Deleting a list that does not
     * exist completes too.
     */
    Mono<Void> delete(ListId id);
}
