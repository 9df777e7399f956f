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
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.WriteNotAllowedException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link TodoStore} in memory: one {@link InMemoryTodoRepository} per list, and who is on each
 * list with which role. Like the real store, a write commits only while the writer's role allows
 * writing todos at that moment, and otherwise fails with {@link WriteNotAllowedException} and
 * changes nothing. {@link #lists()} answers {@link Lists#findFor} from the same memberships, the
 * one read the todo services make of lists.
 */
final class InMemoryTodoStore implements TodoStore {

    static final ListId LIST = ListId.of("groceries");
    static final PersonId OWNER = PersonId.of("olivia");
    static final PersonId EDITOR = PersonId.of("ed");
    static final PersonId VIEWER = PersonId.of("vic");
    static final PersonId STRANGER = PersonId.of("stranger");

    private final Map<ListId, InMemoryTodoRepository> todos = new HashMap<>();
    private final Map<ListId, Map<PersonId, Role>> members = new HashMap<>();
    private Runnable beforeNextWrite = () -> { };
    private int membershipReads;

    /** {@link #LIST} holding the repository's todos, owned by {@link #OWNER}, with an editor and a viewer. */
    static InMemoryTodoStore sharedList(InMemoryTodoRepository repository) {
        InMemoryTodoStore store = new InMemoryTodoStore();
        store.todos.put(LIST, repository);
        store.member(LIST, OWNER, Role.OWNER).member(LIST, EDITOR, Role.EDITOR).member(LIST, VIEWER, Role.VIEWER);
        return store;
    }

    InMemoryTodoStore member(ListId list, PersonId person, Role role) {
        members.computeIfAbsent(list, id -> new HashMap<>()).put(person, role);
        return this;
    }

    InMemoryTodoStore removeMember(ListId list, PersonId person) {
        members.getOrDefault(list, Map.of()).remove(person);
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
        return new MembershipLists();
    }

    @Override
    public TodoRepository of(ListId list, PersonId writer) {
        return new Guarded(list, writer, todosOf(list));
    }

    private Optional<Role> roleOf(ListId list, PersonId person) {
        return Optional.ofNullable(members.getOrDefault(list, Map.of()).get(person));
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

    /** Lists as far as the todo services read them: a list exists while it has members. */
    private final class MembershipLists implements Lists {

        @Override
        public Mono<ListWithCaller> findFor(ListId id, PersonId person) {
            return Mono.defer(() -> {
                membershipReads++;
                Map<PersonId, Role> onList = members.get(id);
                if (onList == null || onList.isEmpty()) {
                    return Mono.empty();
                }
                PersonId owner = onList.entrySet().stream().filter(e -> e.getValue() == Role.OWNER)
                        .map(Map.Entry::getKey).findFirst().orElse(person);
                TodoList list = new TodoList(id, id.value(), owner, 1, 0);
                Optional<Member> caller = roleOf(id, person).map(role -> new Member(id, person, person.value(), role));
                return Mono.just(new ListWithCaller(list, caller));
            });
        }

        @Override
        public Mono<TodoList> createIfAbsent(TodoList list, Member owner) {
            throw new UnsupportedOperationException("the todo services do not create lists");
        }

        @Override
        public Mono<TodoList> find(ListId id) {
            throw new UnsupportedOperationException("the todo services read lists only with findFor");
        }

        @Override
        public Mono<Void> rename(TodoList renamed) {
            throw new UnsupportedOperationException("the todo services do not rename lists");
        }

        @Override
        public Mono<Void> delete(ListId id) {
            throw new UnsupportedOperationException("the todo services do not delete lists");
        }
    }
}
