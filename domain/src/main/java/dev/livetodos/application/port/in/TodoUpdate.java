package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.Violations;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Changes to one todo. With an expected version the change applies only to that version
 * (optimistic locking); without one it applies to whatever version is current.
 */
public record TodoUpdate(TodoId id, TodoChanges changes, OptionalLong expectedVersion) {

    public TodoUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() < 1) {
            throw InvalidTodoException.of("version", "must be at least 1");
        }
    }

    /** An update from raw values ({@code null}: not given); reports every bad field. */
    public static TodoUpdate of(String id, String name, String status, Long version) {
        Violations violations = new Violations();
        TodoId todoId = violations.check("id", () -> TodoId.of(id));
        TodoChanges changes = violations.check("changes", () -> TodoChanges.of(name, status));
        if (version != null && version < 1) {
            violations.add("version", "must be at least 1");
        }
        violations.throwIfAny();
        return new TodoUpdate(todoId, changes, version == null ? OptionalLong.empty() : OptionalLong.of(version));
    }
}
