package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.TodoChange;
import java.util.List;

/** Changes in the order the store made them (per todo, oldest first). */
public record PublishTodoChangesCommand(List<TodoChange> changes) {

    public PublishTodoChangesCommand {
        changes = List.copyOf(changes);
    }
}
