package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ChangeCursor;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.Objects;

/** Someone asking what changed on a list after the cursor they hold. */
public record ListChangesCommand(ListId list, PersonId caller, ChangeCursor after) {

    public ListChangesCommand {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(after, "after");
    }
}
