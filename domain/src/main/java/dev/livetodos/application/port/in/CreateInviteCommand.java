package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Violations;
import java.util.Objects;

/** An invite link to a list, for joining with {@code role} (editor or viewer). */
public record CreateInviteCommand(ListId listId, Role role, PersonId caller) {

    public CreateInviteCommand {
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(caller, "caller");
        if (role == Role.OWNER) {
            throw InvalidTodoException.of("role", "must be 'editor' or 'viewer'; a list has one owner");
        }
    }

    /** A command from the raw role; reports a missing or unknown one, and the owner's. */
    public static CreateInviteCommand of(ListId listId, String role, PersonId caller) {
        Violations violations = new Violations();
        Role parsed = violations.check("role", () -> Role.of(role));
        if (parsed == Role.OWNER) {
            violations.add("role", "must be 'editor' or 'viewer'; a list has one owner");
        }
        violations.throwIfAny();
        return new CreateInviteCommand(listId, parsed, caller);
    }
}
