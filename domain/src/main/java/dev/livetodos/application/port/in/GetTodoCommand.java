package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoId;
import java.util.Objects;

/** Someone asking to see one todo of a list. */
public record GetTodoCommand(ListId list, PersonId caller, TodoId id) {

    public GetTodoCommand {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(id, "id");
    }
}
