package dev.livetodos.bootstrap.local;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Local mode's todo store: the real one, plus a nudge to the stream poller after every write, so
 * the change comes out of the stream at once instead of at the next idle poll. What subscribers
 * get still comes from the stream alone.
 */
final class WakingTodoStore implements TodoStore {

    private final TodoStore store;
    private final ObjectProvider<LocalStreamPoller> poller;

    WakingTodoStore(TodoStore store, ObjectProvider<LocalStreamPoller> poller) {
        this.store = store;
        this.poller = poller;
    }

    @Override
    public TodoRepository of(ListId list, PersonId writer) {
        return new Waking(store.of(list, writer));
    }

    private void nudge() {
        poller.ifAvailable(LocalStreamPoller::nudge);
    }

    private final class Waking implements TodoRepository {

        private final TodoRepository todos;

        Waking(TodoRepository todos) {
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
            return todos.insertIfAbsent(todo).doOnTerminate(WakingTodoStore.this::nudge);
        }

        @Override
        public Mono<Void> updateAll(List<Todo> updated) {
            return todos.updateAll(updated).doOnSuccess(done -> nudge());
        }

        @Override
        public Mono<Void> deleteAll(List<Todo> existing) {
            return todos.deleteAll(existing).doOnSuccess(done -> nudge());
        }

        @Override
        public Mono<TodoId> removeIfPresent(TodoId id) {
            return todos.removeIfPresent(id).doOnSuccess(removed -> nudge());
        }
    }
}
