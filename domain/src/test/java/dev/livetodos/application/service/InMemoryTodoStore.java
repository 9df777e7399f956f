package dev.livetodos.application.service;

import dev.livetodos.application.port.out.ChangesPage;
import dev.livetodos.application.port.out.ListWithCaller;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.RecordedWrite;
import dev.livetodos.application.port.out.RecordedWrites;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.application.port.out.WriteRecord;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.ListAccess;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.WriteNotAllowedException;
import dev.livetodos.domain.model.WriteOutcome;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link TodoStore} in memory: one {@link InMemoryTodoRepository} per list, and who is on each
 * list with which role, kept by an {@link InMemoryListStore}. Like the real store, a write commits
 * only while the writer's role allows writing todos at that moment, and otherwise fails with
 * {@link WriteNotAllowedException} and changes nothing. {@link #lists()} is those lists, counting
 * the one read the todo services make of them ({@link Lists#findFor}).
 */
final class InMemoryTodoStore implements TodoStore {

    static final ListId LIST = ListId.of("groceries");
    static final PersonId OWNER = PersonId.of("olivia");
    static final PersonId EDITOR = PersonId.of("ed");
    static final PersonId VIEWER = PersonId.of("vic");
    static final PersonId STRANGER = PersonId.of("stranger");

    private final Map<ListId, InMemoryTodoRepository> todos = new HashMap<>();
    private final Map<String, RecordedWrite> recorded = new HashMap<>();
    private final InMemoryListStore memberships = new InMemoryListStore(Clock.systemUTC());
    private Runnable beforeNextWrite = () -> { };
    private int membershipReads;

    /** {@link #LIST} holding the repository's todos, owned by {@link #OWNER}, with an editor and a viewer. */
    static InMemoryTodoStore sharedList(InMemoryTodoRepository repository) {
        InMemoryTodoStore store = new InMemoryTodoStore();
        store.todos.put(LIST, repository);
        store.member(LIST, OWNER, Role.OWNER).member(LIST, EDITOR, Role.EDITOR).member(LIST, VIEWER, Role.VIEWER);
        return store;
    }

    /** Puts the person on the list with this role; a list that is not there yet is made, theirs. */
    InMemoryTodoStore member(ListId list, PersonId person, Role role) {
        TodoList onList = memberships.lists().stream().filter(existing -> existing.id().equals(list)).findFirst()
                .orElseGet(() -> TodoList.create(list, list.value(), person));
        memberships.holding(onList, Member.of(list, new Person(person, person.value()), role));
        return this;
    }

    InMemoryTodoStore removeMember(ListId list, PersonId person) {
        memberships.remove(list, person).block();
        return this;
    }

    /** Someone else changes the memberships just before the next write reaches the store. */
    InMemoryTodoStore beforeNextWrite(Runnable change) {
        beforeNextWrite = change;
        return this;
    }

    InMemoryTodoRepository todosOf(ListId list) {
        return todos.computeIfAbsent(list, id -> new InMemoryTodoRepository());
    }

    /** Calls to {@link Lists#findFor}. */
    int membershipReads() {
        return membershipReads;
    }

    Lists lists() {
        return new CountedLists();
    }

    @Override
    public TodoRepository of(ListId list, PersonId writer, Optional<WriteRecord> record) {
        return new Guarded(list, writer, todosOf(list), record);
    }

    /** The writes kept under their senders' keys, as the store's transactions keep them. */
    RecordedWrites recordedWrites() {
        return (person, key) -> Mono.fromCallable(() -> recorded.get(person.value() + "|" + key.value()));
    }

    /**
     * Keeps what the write did under its key, when it did something ({@code outcome} gives
     * nothing when it did not), or fails as a race, writing nothing, when one is kept there already.
     */
    private <T> Mono<T> kept(PersonId writer, Optional<WriteRecord> record, Mono<T> write, Function<T, Optional<WriteOutcome>> outcome) {
        if (record.isEmpty()) {
            return write;
        }
        String at = writer.value() + "|" + record.get().key().value();
        return Mono.defer(() -> recorded.containsKey(at)
                ? Mono.error(new ConcurrentUpdateException("a write is kept under this key already"))
                : write.doOnNext(done -> outcome.apply(done).ifPresent(did ->
                        recorded.put(at, new RecordedWrite(record.get().key(), record.get().fingerprint(), did)))));
    }

    private Optional<Role> roleOf(ListId list, PersonId person) {
        return memberships.membersOf(list).stream().filter(member -> member.personId().equals(person))
                .map(Member::role).findFirst();
    }

    /** The list's todos, each write first checking the writer as the store's transaction does. */
    private final class Guarded implements TodoRepository {

        private final ListId list;
        private final PersonId writer;
        private final InMemoryTodoRepository todos;
        private final Optional<WriteRecord> record;

        Guarded(ListId list, PersonId writer, InMemoryTodoRepository todos, Optional<WriteRecord> record) {
            this.list = list;
            this.writer = writer;
            this.todos = todos;
            this.record = record;
        }

        @Override
        public Mono<TodosAt> readAll() {
            return todos.readAll();
        }

        @Override
        public Mono<Long> seq() {
            return todos.seq();
        }

        @Override
        public Mono<ChangesPage> changesAfter(long afterSeq, int limit) {
            return todos.changesAfter(afterSeq, limit);
        }

        @Override
        public Mono<Todo> findById(TodoId id) {
            return todos.findById(id);
        }

        @Override
        public Flux<Todo> findAllById(Collection<TodoId> ids) {
            return todos.findAllById(ids);
        }

        @Override
        public Mono<Occupant> insertIfAbsent(Todo todo) {
            return allowed().then(kept(writer, record, todos.insertIfAbsent(todo), occupant -> occupant instanceof Occupant.Inserted inserted
                    ? Optional.of(new WriteOutcome.Created(inserted.todo())) : Optional.empty()));
        }

        @Override
        public Mono<List<Todo>> updateAll(List<Todo> updated) {
            return allowed().then(kept(writer, record, todos.updateAll(updated), done -> Optional.of(new WriteOutcome.Updated(done))));
        }

        @Override
        public Mono<Long> deleteAll(List<Todo> existing) {
            return allowed().then(kept(writer, record, todos.deleteAll(existing),
                    seq -> Optional.of(new WriteOutcome.Deleted(existing.stream().map(Todo::id).toList(), seq))));
        }

        @Override
        public Mono<Long> removeIfPresent(TodoId id) {
            return allowed().then(kept(writer, record, todos.removeIfPresent(id), seq -> Optional.of(new WriteOutcome.Deleted(List.of(id), seq))));
        }

        private Mono<Void> allowed() {
            return Mono.defer(() -> {
                Runnable change = beforeNextWrite;
                beforeNextWrite = () -> { };
                change.run();
                boolean may = roleOf(list, writer).filter(ListAccess.rolesAllowedTo(ListOperation.WRITE_TODOS)::contains).isPresent();
                return may ? Mono.empty() : Mono.error(new WriteNotAllowedException(list));
            });
        }
    }

    /** The memberships' lists, counting the todo services' reads. */
    private final class CountedLists implements Lists {

        @Override
        public Mono<ListWithCaller> findFor(ListId id, PersonId person) {
            return Mono.defer(() -> {
                membershipReads++;
                return memberships.findFor(id, person);
            });
        }

        @Override
        public Mono<TodoList> createIfAbsent(TodoList list, Member owner) {
            return memberships.createIfAbsent(list, owner);
        }

        @Override
        public Mono<TodoList> find(ListId id) {
            return memberships.find(id);
        }

        @Override
        public Mono<TodoList> rename(TodoList renamed) {
            return memberships.rename(renamed);
        }

        @Override
        public Mono<Void> delete(ListId id) {
            return memberships.delete(id);
        }
    }
}
