package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.Objects;

/** Take {@code member} off a list; when the caller names themself, they leave it. */
public record RemoveMemberCommand(ListId listId, PersonId member, PersonId caller) {

    public RemoveMemberCommand {
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(caller, "caller");
    }
}
