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

    /**
     * The list's {@code seq} now, for one of its members (what a conditional read compares its
     * tag with); fails as {@link #listTodos} does for anyone else. By default that of a full read;
     * a store that can read the {@code seq} alone does it for far less.
     */
    default Mono<Long> listSeq(ListTodosCommand command) {
        return listTodos(command).map(TodosAt::seq);
    }
}
