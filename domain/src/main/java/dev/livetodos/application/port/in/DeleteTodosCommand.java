package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** 1 to 100 distinct todos of a list to remove together. */
public record DeleteTodosCommand(ListId list, PersonId caller, List<TodoId> ids, Optional<IdempotencyKey> idempotencyKey) {

    public DeleteTodosCommand {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
        ids = List.copyOf(ids);
        Batch.check(ids);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /** A delete without an idempotency key. */
    public DeleteTodosCommand(ListId list, PersonId caller, List<TodoId> ids) {
        this(list, caller, ids, Optional.empty());
    }

    /** This delete, sent under the key (or none). */
    public DeleteTodosCommand withIdempotencyKey(Optional<IdempotencyKey> key) {
        return new DeleteTodosCommand(list, caller, ids, key);
    }

    /** What the delete asks for, to tell it from another write sent under the same key. */
    public String fingerprint() {
        return "delete|" + list.value() + "|" + ids.stream().map(TodoId::value).toList();
    }

    /** A command from raw ids; reports every bad one. */
    public static DeleteTodosCommand of(ListId list, PersonId caller, List<String> ids) {
        Batch.checkSize(ids.size());
        Violations violations = new Violations();
        List<TodoId> todoIds = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String raw = ids.get(i);
            todoIds.add(violations.check("[" + i + "]", () -> TodoId.of(raw)));
        }
        violations.throwIfAny();
        return new DeleteTodosCommand(list, caller, todoIds);
    }
}
