package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.PersonId;
import java.util.Objects;

/** Which lists the caller is on. */
public record ListMyListsCommand(PersonId caller) {

    public ListMyListsCommand {
        Objects.requireNonNull(caller, "caller");
    }
}
