package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.TodoId;
import java.util.List;
import reactor.core.publisher.Mono;

/** Removes several todos at once; gives the ids that existed, in request order. Absent ids are ignored. */
public interface DeleteTodosUseCase {

    Mono<List<TodoId>> deleteTodos(DeleteTodosCommand command);
}
