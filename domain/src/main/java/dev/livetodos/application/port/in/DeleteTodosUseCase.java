package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.TodoId;
import java.util.List;
import reactor.core.publisher.Mono;

/** Removes several todos at once; gives the ids that existed, in request order, and the list's seq after. Absent ids are ignored. */
public interface DeleteTodosUseCase {

    Mono<DeletedTodos> deleteTodos(DeleteTodosCommand command);
}
