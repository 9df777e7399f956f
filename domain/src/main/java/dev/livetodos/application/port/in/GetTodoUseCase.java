package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import reactor.core.publisher.Mono;

/** One todo by its id; fails with {@code TodoNotFoundException} when there is none. */
public interface GetTodoUseCase {

    Mono<Todo> getTodo(TodoId id);
}
