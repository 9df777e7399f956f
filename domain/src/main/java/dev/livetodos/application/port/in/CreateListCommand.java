package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListName;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.Violations;
import java.util.Objects;
import java.util.Optional;

/** A new list: its id if the client chose one, its name, and who makes (and so owns) it. */
public record CreateListCommand(Optional<ListId> id, String name, Person caller) {

    public CreateListCommand {
        Objects.requireNonNull(id, "id");
        name = ListName.normalize(name);
        Objects.requireNonNull(caller, "caller");
    }

    /** A command from raw values ({@code null} id: not given); reports every bad field. */
    public static CreateListCommand of(String id, String name, Person caller) {
        Violations violations = new Violations();
        Optional<ListId> listId = id == null ? Optional.empty() : Optional.ofNullable(violations.check("id", () -> ListId.of(id)));
        String listName = violations.check("name", () -> ListName.normalize(name));
        violations.throwIfAny();
        return new CreateListCommand(listId, listName, caller);
    }
}
