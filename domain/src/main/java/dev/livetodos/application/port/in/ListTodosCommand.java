package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.Objects;

/** Someone asking to see a list's todos. */
public record ListTodosCommand(ListId list, PersonId caller) {

    public ListTodosCommand {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
    }
}
