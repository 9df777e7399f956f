package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Todo;
import reactor.core.publisher.Mono;

/**
 * One todo of a list by its id, for one of the list's members; fails with
 * {@code ListNotFoundException} for anyone else, and with {@code TodoNotFoundException} when the
 * list has no such todo.
 */
public interface GetTodoUseCase {

    Mono<Todo> getTodo(GetTodoCommand command);
}
