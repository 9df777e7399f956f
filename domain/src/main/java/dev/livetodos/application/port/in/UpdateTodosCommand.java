package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.List;
import java.util.Objects;

/** Changes to 1 to 100 distinct todos of a list, written together or not at all. */
public record UpdateTodosCommand(ListId list, PersonId caller, List<TodoUpdate> updates) {

    public UpdateTodosCommand {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
        updates = List.copyOf(updates);
        Batch.check(updates.stream().map(TodoUpdate::id).toList());
    }
}
