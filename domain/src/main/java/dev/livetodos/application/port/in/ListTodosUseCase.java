package dev.livetodos.application.port.in;

import dev.livetodos.application.port.out.TodosAt;
import reactor.core.publisher.Mono;

/**
 * Everything on a list, oldest first, with the list's {@code seq} it holds every write up to (the
 * change feed's starting point), for one of its members; fails with
 * {@code ListNotFoundException} for anyone else.
 */
public interface ListTodosUseCase {

    Mono<TodosAt> listTodos(ListTodosCommand command);
}
