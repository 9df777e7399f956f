package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoName;
import dev.livetodos.domain.model.TodoStatus;
import dev.livetodos.domain.model.Violations;
import java.util.Objects;
import java.util.Optional;

/** A new todo: its id if the client chose one, its name, and its status (pending unless said). */
public record CreateTodoCommand(Optional<TodoId> id, String name, TodoStatus status) {

    public CreateTodoCommand {
        Objects.requireNonNull(id, "id");
        name = TodoName.normalize(name);
        Objects.requireNonNull(status, "status");
    }

    /** A command from raw values ({@code null} id or status: not given); reports every bad field. */
    public static CreateTodoCommand of(String id, String name, String status) {
        Violations violations = new Violations();
        Optional<TodoId> todoId = id == null ? Optional.empty() : Optional.ofNullable(violations.check("id", () -> TodoId.of(id)));
        String todoName = violations.check("name", () -> TodoName.normalize(name));
        TodoStatus todoStatus = status == null ? TodoStatus.PENDING : violations.check("status", () -> TodoStatus.of(status));
        violations.throwIfAny();
        return new CreateTodoCommand(todoId, todoName, todoStatus);
    }
}
