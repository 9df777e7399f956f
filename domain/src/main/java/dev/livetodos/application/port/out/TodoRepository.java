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
 * <p>Every write takes the list's next sequence numbers ({@code seq}, one per todo written) in
 * the same transaction, on the condition that the list's {@code seq} is still the one it read:
 * commit order is {@code seq} order and a list's numbers have no gaps.
 *
 * <p>A deleted todo leaves a tombstone under its id: the version its delete wrote (its last
 * version plus one), kept for a retention period the store decides. No read shows a tombstone;
 * only {@link #insertIfAbsent} reports one, so a todo created again under that id continues the
 * deleted one's versions and everyone who applies only newer versions takes it.
 */
public interface TodoRepository {

    /**
     * Every todo of the list, in no particular order, however many there are, with the list's
     * {@code seq} read before them (see {@link TodosAt}).
     */
    Mono<TodosAt> readAll();

    /** The list's {@code seq} now: the number of the last write to the list (0 before the first). */
    Mono<Long> seq();

    /**
     * The list's change feed: the todos and tombstones last written after {@code afterSeq}, in
     * {@code seq} order, at most {@code limit} of them (see {@link ChangesPage}).
     */
    Mono<ChangesPage> changesAfter(long afterSeq, int limit);

    Mono<Todo> findById(TodoId id);

    /** The todos with these ids that exist, read together as one consistent snapshot. */
    Flux<Todo> findAllById(Collection<TodoId> ids);

    /**
     * Stores the todo if its id is free, and emits {@link Occupant.Inserted} with the todo as
     * stored (its {@code seq}). The id is free when nothing is stored under it, or when it holds
     * the tombstone of exactly the version before the todo's (see {@link Todo#continuingAfter}).
     * Otherwise nothing is written and this emits what holds the id: the live todo, or the
     * tombstone, whose version the next try continues from.
     */
    Mono<Occupant> insertIfAbsent(Todo todo);

    /**
     * Stores all of them together, each only if it is still at the version before its own; emits
     * them as stored, numbered in the order given.
     */
    Mono<List<Todo>> updateAll(List<Todo> updated);

    /** Deletes all of them together, each only if it is still at the version given; emits the list's {@code seq} after. */
    Mono<Long> deleteAll(List<Todo> existing);

    /**
     * Deletes the todo with this id whatever its version, in one write without reading first
     * (its tombstone one version after whatever it was); emits the {@code seq} of the delete when
     * a todo had the id, nothing when none did (never created, or deleted already).
     */
    Mono<Long> removeIfPresent(TodoId id);
}
