package dev.livetodos.application.port.in;

import java.util.List;

/** Changes to 1 to 100 distinct todos, written together or not at all. */
public record UpdateTodosCommand(List<TodoUpdate> updates) {

    public UpdateTodosCommand {
        updates = List.copyOf(updates);
        Batch.check(updates.stream().map(TodoUpdate::id).toList());
    }
}
