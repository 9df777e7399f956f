package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Todo;
import reactor.core.publisher.Flux;

/**
 * Everything on a list, oldest first, for one of its members; fails with
 * {@code ListNotFoundException} for anyone else.
 */
public interface ListTodosUseCase {

    Flux<Todo> listTodos(ListTodosCommand command);
}
