package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.Objects;

/** The owner's wish to delete a list with everything on it. */
public record DeleteListCommand(ListId listId, PersonId caller) {

    public DeleteListCommand {
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(caller, "caller");
    }
}
