package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.Objects;

/** Who is on a list, asked by one of them. */
public record ListMembersCommand(ListId listId, PersonId caller) {

    public ListMembersCommand {
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(caller, "caller");
    }
}
