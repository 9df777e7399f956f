package dev.livetodos.bootstrap.local;

import dev.livetodos.application.port.out.ChangesPage;
import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.application.port.out.WriteRecord;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
    public TodoRepository of(ListId list, PersonId writer, Optional<WriteRecord> record) {
        return new Waking(store.of(list, writer, record));
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
            return todos.insertIfAbsent(todo).doOnTerminate(WakingTodoStore.this::nudge);
        }

        @Override
        public Mono<List<Todo>> updateAll(List<Todo> updated) {
            return todos.updateAll(updated).doOnSuccess(done -> nudge());
        }

        @Override
        public Mono<Long> deleteAll(List<Todo> existing) {
            return todos.deleteAll(existing).doOnSuccess(done -> nudge());
        }

        @Override
        public Mono<Long> removeIfPresent(TodoId id) {
            return todos.removeIfPresent(id).doOnSuccess(removed -> nudge());
        }
    }
}
