package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Todo;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Changes several todos at once, all or nothing: if any is missing or not at its expected
 * version, none is changed. Gives the updated todos in request order.
 */
public interface UpdateTodosUseCase {

    Mono<List<Todo>> updateTodos(UpdateTodosCommand command);
}
