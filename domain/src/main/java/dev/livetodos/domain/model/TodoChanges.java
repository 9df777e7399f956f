package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.Optional;

/** What a person changes about a todo: its name, its status, or both. */
public record TodoChanges(Optional<String> name, Optional<TodoStatus> status) {

    public TodoChanges {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        name = name.map(TodoName::normalize);
        if (name.isEmpty() && status.isEmpty()) {
            throw InvalidTodoException.of("", "must change the name, the status or both");
        }
    }

    /** Changes from raw values, where {@code null} means unchanged; reports every bad field. */
    public static TodoChanges of(String name, String status) {
        Violations violations = new Violations();
        Optional<String> newName = Optional.ofNullable(name)
                .map(raw -> violations.check("name", () -> TodoName.normalize(raw)));
        Optional<TodoStatus> newStatus = Optional.ofNullable(status)
                .map(raw -> violations.check("status", () -> TodoStatus.of(raw)));
        violations.throwIfAny();
        return new TodoChanges(newName, newStatus);
    }
}
