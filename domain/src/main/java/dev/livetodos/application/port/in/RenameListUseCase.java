package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.TodoList;
import reactor.core.publisher.Mono;

/** Renames a list (its owner only); a rename against a version the list has left is a conflict. */
public interface RenameListUseCase {

    Mono<TodoList> renameList(RenameListCommand command);
}
