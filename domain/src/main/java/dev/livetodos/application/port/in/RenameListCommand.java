package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListName;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Violations;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A new name for a list. With {@code expectedVersion} the rename only applies to the list at
 * that version (what the caller's edit started from); without it, to whatever is current.
 */
public record RenameListCommand(ListId listId, String name, OptionalLong expectedVersion, PersonId caller) {

    public RenameListCommand {
        Objects.requireNonNull(listId, "listId");
        name = ListName.normalize(name);
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(caller, "caller");
    }

    /** A command from raw values ({@code null} version: not given); reports every bad field. */
    public static RenameListCommand of(ListId listId, String name, Long version, PersonId caller) {
        Violations violations = new Violations();
        String listName = violations.check("name", () -> ListName.normalize(name));
        if (version != null && version < 1) {
            violations.add("version", "must be at least 1");
        }
        violations.throwIfAny();
        return new RenameListCommand(listId, listName, version == null ? OptionalLong.empty() : OptionalLong.of(version), caller);
    }
}
