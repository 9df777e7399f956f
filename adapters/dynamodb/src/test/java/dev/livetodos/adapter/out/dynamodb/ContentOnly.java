package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A list's todos as the tests of their content see them: every todo read without its
 * {@code seq}, and the writes' answers as they were before the change feed numbered writes (an
 * insert emits nothing, the other writes what they removed or nothing). The tests of conditions,
 * races and tombstones compare todos as they wrote them; the numbering itself is proven in
 * {@code DynamoDbChangeFeedTest} against the repository as it is.
 */
final class ContentOnly {

    private final TodoRepository todos;

    ContentOnly(TodoRepository todos) {
        this.todos = todos;
    }

    TodoRepository numbered() {
        return todos;
    }

    Flux<Todo> findAll() {
        return todos.readAll().flatMapIterable(TodosAt::todos).map(ContentOnly::unnumbered);
    }

    Mono<Todo> findById(TodoId id) {
        return todos.findById(id).map(ContentOnly::unnumbered);
    }

    Flux<Todo> findAllById(Collection<TodoId> ids) {
        return todos.findAllById(ids).map(ContentOnly::unnumbered);
    }

    Mono<Occupant> insertIfAbsent(Todo todo) {
        return todos.insertIfAbsent(todo).flatMap(occupant -> {
            if (occupant instanceof Occupant.Inserted) {
                return Mono.empty();
            }
            return Mono.just(occupant instanceof Occupant.Live live ? new Occupant.Live(unnumbered(live.todo())) : occupant);
        });
    }

    Mono<Void> updateAll(List<Todo> updated) {
        return todos.updateAll(updated).then();
    }

    Mono<Void> deleteAll(List<Todo> existing) {
        return todos.deleteAll(existing).then();
    }

    Mono<TodoId> removeIfPresent(TodoId id) {
        return todos.removeIfPresent(id).map(seq -> id);
    }

    static Todo unnumbered(Todo todo) {
        return todo.withSeq(0);
    }
}
