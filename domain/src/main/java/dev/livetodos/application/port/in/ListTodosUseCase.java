package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Todo;
import reactor.core.publisher.Flux;

/** Everything on the list, oldest first. */
public interface ListTodosUseCase {

    Flux<Todo> listTodos();
}
