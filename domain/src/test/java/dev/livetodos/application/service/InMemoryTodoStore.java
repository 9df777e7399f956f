package dev.livetodos.application.service;

import dev.livetodos.application.port.out.ListWithCaller;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
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
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public TodoRepository of(ListId list, PersonId writer) {
        return new Guarded(list, writer, todosOf(list));
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

        Guarded(ListId list, PersonId writer, InMemoryTodoRepository todos) {
            this.list = list;
            this.writer = writer;
            this.todos = todos;
        }

        @Override
        public Flux<Todo> findAll() {
            return todos.findAll();
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
            return allowed().then(todos.insertIfAbsent(todo));
        }

        @Override
        public Mono<Void> updateAll(List<Todo> updated) {
            return allowed().then(todos.updateAll(updated));
        }

        @Override
        public Mono<Void> deleteAll(List<Todo> existing) {
            return allowed().then(todos.deleteAll(existing));
        }

        @Override
        public Mono<TodoId> removeIfPresent(TodoId id) {
            return allowed().then(todos.removeIfPresent(id));
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
        public Mono<Void> rename(TodoList renamed) {
            return memberships.rename(renamed);
        }

        @Override
        public Mono<Void> delete(ListId id) {
            return memberships.delete(id);
        }
    }
}
