package dev.livetodos.application.service;

import dev.livetodos.application.port.out.ChangesPage;
import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link TodoRepository} in a map, keeping the port's promises: conditional writes fail with
 * {@link ConcurrentUpdateException} when a stored version is not the expected one, and a failed
 * write changes nothing; a delete leaves a tombstone that no read shows. Tests can let another
 * writer in just before a write, and count calls.
 */
final class InMemoryTodoRepository implements TodoRepository {

    /** Insertion order, so {@link #readAll()} does not happen to list oldest first. */
    private final Map<TodoId, Todo> stored = new LinkedHashMap<>();
    /** The version each delete wrote, by id, for as long as the id is not taken again. */
    private final Map<TodoId, Long> tombstones = new LinkedHashMap<>();
    /** The seq of each tombstone's delete, by id. */
    private final Map<TodoId, Long> tombstoneSeqs = new LinkedHashMap<>();
    /** The list's seq: the number of the last write, as the store numbers them (one per todo written). */
    private long seq;
    private final Deque<Runnable> racersForNextWrites = new ArrayDeque<>();
    private Runnable racerForEveryWrite;
    private int failuresForNextWrites;
    private int reads;
    private int writes;
    private int removals;

    static InMemoryTodoRepository holding(Todo... todos) {
        InMemoryTodoRepository repository = new InMemoryTodoRepository();
        for (Todo todo : todos) {
            repository.stored.put(todo.id(), todo);
        }
        return repository;
    }

    /** An id whose todo was deleted at {@code version}: its tombstone is kept. */
    InMemoryTodoRepository withTombstone(TodoId id, long version) {
        tombstones.put(id, version);
        return this;
    }

    /**
     * Another writer creates this id again and deletes it just before the next write reaches the
     * store, so its tombstone moves on to {@code version}.
     */
    InMemoryTodoRepository racedOnceByRecreateAndDelete(TodoId id, long version) {
        racersForNextWrites.add(() -> {
            stored.remove(id);
            tombstones.put(id, version);
        });
        return this;
    }

    /** The version the delete of this id wrote, or null when it holds no tombstone. */
    Long tombstone(TodoId id) {
        return tombstones.get(id);
    }

    /** Another writer stores this todo just before the next write reaches the store. */
    InMemoryTodoRepository racedOnceBy(Todo otherWritersTodo) {
        racersForNextWrites.add(() -> {
            stored.put(otherWritersTodo.id(), otherWritersTodo);
            tombstones.remove(otherWritersTodo.id());
        });
        return this;
    }

    /** Another writer bumps this todo just before every write, so no write ever gets through. */
    InMemoryTodoRepository racedAlwaysOn(TodoId id) {
        racerForEveryWrite = () -> {
            Todo current = stored.get(id);
            stored.put(id, new Todo(id, current.name(), current.status(), current.version() + 1,
                    current.createdAt(), current.updatedAt()));
        };
        return this;
    }

    /** The next {@code count} writes fail as if raced, without anything changing in the store. */
    InMemoryTodoRepository failingNextWrites(int count) {
        failuresForNextWrites = count;
        return this;
    }

    /** What is stored now, in insertion order. */
    List<Todo> contents() {
        return List.copyOf(stored.values());
    }

    Todo get(TodoId id) {
        return stored.get(id);
    }

    /** Calls to the reads that services use to decide (findAllById). */
    int reads() {
        return reads;
    }

    /** Calls to any write method, successful or not. */
    int writes() {
        return writes;
    }

    /** Calls to the write that needs no read first (removeIfPresent), successful or not. */
    int removals() {
        return removals;
    }

    /** The list's seq now. */
    long currentSeq() {
        return seq;
    }

    @Override
    public Mono<TodosAt> readAll() {
        return Mono.fromCallable(() -> new TodosAt(seq, List.copyOf(stored.values())));
    }

    @Override
    public Mono<Long> seq() {
        return Mono.fromCallable(() -> seq);
    }

    @Override
    public Mono<ChangesPage> changesAfter(long afterSeq, int limit) {
        return Mono.fromCallable(() -> {
            List<TodoChange> changes = new ArrayList<>();
            stored.values().stream().filter(todo -> todo.seq() > afterSeq).map(TodoChange.Upserted::new).forEach(changes::add);
            tombstoneSeqs.forEach((id, deletedAt) -> {
                if (deletedAt > afterSeq) {
                    changes.add(new TodoChange.Deleted(id, tombstones.get(id), deletedAt));
                }
            });
            changes.sort(java.util.Comparator.comparingLong(TodoChange::seq));
            return new ChangesPage(changes.subList(0, Math.min(limit, changes.size())), changes.size() > limit);
        });
    }

    @Override
    public Mono<Todo> findById(TodoId id) {
        return Mono.fromCallable(() -> stored.get(id));
    }

    @Override
    public Flux<Todo> findAllById(Collection<TodoId> ids) {
        return Flux.defer(() -> {
            reads++;
            // Storage order, not request order: like a real batch read, the store owes no order.
            List<Todo> snapshot = new ArrayList<>();
            for (Todo todo : stored.values()) {
                if (ids.contains(todo.id())) {
                    snapshot.add(todo);
                }
            }
            return Flux.fromIterable(snapshot);
        });
    }

    @Override
    public Mono<Occupant> insertIfAbsent(Todo todo) {
        return Mono.defer(() -> {
            beginWrite();
            Todo existing = stored.get(todo.id());
            if (existing != null) {
                return Mono.just(new Occupant.Live(existing));
            }
            Long tombstone = tombstones.get(todo.id());
            if (tombstone != null && tombstone != todo.version() - 1) {
                return Mono.just(new Occupant.Tombstone(todo.id(), tombstone));
            }
            tombstones.remove(todo.id());
            tombstoneSeqs.remove(todo.id());
            Todo numbered = todo.withSeq(++seq);
            stored.put(todo.id(), numbered);
            return Mono.just(new Occupant.Inserted(numbered));
        });
    }

    @Override
    public Mono<List<Todo>> updateAll(List<Todo> updated) {
        return Mono.defer(() -> {
            beginWrite();
            for (Todo todo : updated) {
                Todo current = stored.get(todo.id());
                if (current == null || current.version() != todo.version() - 1) {
                    return Mono.error(raced(todo.id()));
                }
            }
            List<Todo> numbered = updated.stream().map(todo -> todo.withSeq(++seq)).toList();
            numbered.forEach(todo -> stored.put(todo.id(), todo));
            return Mono.just(numbered);
        });
    }

    @Override
    public Mono<Long> deleteAll(List<Todo> existing) {
        return Mono.defer(() -> {
            beginWrite();
            for (Todo todo : existing) {
                Todo current = stored.get(todo.id());
                if (current == null || current.version() != todo.version()) {
                    return Mono.error(raced(todo.id()));
                }
            }
            existing.forEach(todo -> {
                stored.remove(todo.id());
                tombstones.put(todo.id(), todo.version() + 1);
                tombstoneSeqs.put(todo.id(), ++seq);
            });
            return Mono.just(seq);
        });
    }

    @Override
    public Mono<Long> removeIfPresent(TodoId id) {
        return Mono.defer(() -> {
            removals++;
            beginWrite();
            Todo removed = stored.remove(id);
            if (removed == null) {
                return Mono.empty();
            }
            tombstones.put(id, TodoChange.Deleted.of(removed).version());
            tombstoneSeqs.put(id, ++seq);
            return Mono.just(seq);
        });
    }

    private void beginWrite() {
        writes++;
        if (!racersForNextWrites.isEmpty()) {
            racersForNextWrites.poll().run();
        }
        if (racerForEveryWrite != null) {
            racerForEveryWrite.run();
        }
        if (failuresForNextWrites > 0) {
            failuresForNextWrites--;
            throw raced(null);
        }
    }

    private static ConcurrentUpdateException raced(TodoId id) {
        return new ConcurrentUpdateException("another writer changed " + (id == null ? "a todo" : id.value()) + " first");
    }
}
