package dev.livetodos.bootstrap.local;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Local mode's repository: the real one, plus a nudge to the stream poller after every write, so
 * the change comes out of the stream at once instead of at the next idle poll. What subscribers
 * get still comes from the stream alone.
 */
final class WakingTodoRepository implements TodoRepository {

    private final TodoRepository todos;
    private final ObjectProvider<LocalStreamPoller> poller;

    WakingTodoRepository(TodoRepository todos, ObjectProvider<LocalStreamPoller> poller) {
        this.todos = todos;
        this.poller = poller;
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
        return todos.insertIfAbsent(todo).doOnTerminate(this::nudge);
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
    public Mono<TodoChange.Deleted> removeIfPresent(TodoId id) {
        return todos.removeIfPresent(id).doOnSuccess(removed -> nudge());
    }

    private void nudge() {
        poller.ifAvailable(LocalStreamPoller::nudge);
    }
}
