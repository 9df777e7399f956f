package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoName;
import dev.livetodos.domain.model.TodoStatus;
import dev.livetodos.domain.model.Violations;
import java.util.Objects;
import java.util.Optional;

/**
 * A new todo on a list, asked for by one of its members: its id if the client chose one, its
 * name, and its status (pending unless said).
 */
public record CreateTodoCommand(ListId list, PersonId caller, Optional<TodoId> id, String name, TodoStatus status,
                                Optional<IdempotencyKey> idempotencyKey) {

    public CreateTodoCommand {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(id, "id");
        name = TodoName.normalize(name);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /** A create without an idempotency key. */
    public CreateTodoCommand(ListId list, PersonId caller, Optional<TodoId> id, String name, TodoStatus status) {
        this(list, caller, id, name, status, Optional.empty());
    }

    /** This create, sent under the key (or none). */
    public CreateTodoCommand withIdempotencyKey(Optional<IdempotencyKey> key) {
        return new CreateTodoCommand(list, caller, id, name, status, key);
    }

    /** What the create asks for, to tell it from another write sent under the same key. */
    public String fingerprint() {
        return "create|" + list.value() + "|" + id.map(TodoId::value).orElse("") + "|" + status.value() + "|" + name;
    }

    /** A command from raw values ({@code null} id or status: not given); reports every bad field. */
    public static CreateTodoCommand of(ListId list, PersonId caller, String id, String name, String status) {
        Violations violations = new Violations();
        Optional<TodoId> todoId = id == null ? Optional.empty() : Optional.ofNullable(violations.check("id", () -> TodoId.of(id)));
        String todoName = violations.check("name", () -> TodoName.normalize(name));
        TodoStatus todoStatus = status == null ? TodoStatus.PENDING : violations.check("status", () -> TodoStatus.of(status));
        violations.throwIfAny();
        return new CreateTodoCommand(list, caller, todoId, todoName, todoStatus);
    }
}
