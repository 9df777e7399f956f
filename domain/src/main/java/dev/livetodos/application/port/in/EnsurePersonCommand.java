package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Person;
import java.util.Objects;

/** A signed-in person, as their token describes them. */
public record EnsurePersonCommand(Person person) {

    public EnsurePersonCommand {
        Objects.requireNonNull(person, "person");
    }
}
