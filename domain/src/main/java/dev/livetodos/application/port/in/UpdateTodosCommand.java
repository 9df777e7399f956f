package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Changes to 1 to 100 distinct todos of a list, written together or not at all. */
public record UpdateTodosCommand(ListId list, PersonId caller, List<TodoUpdate> updates, Optional<IdempotencyKey> idempotencyKey) {

    public UpdateTodosCommand {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
        updates = List.copyOf(updates);
        Batch.check(updates.stream().map(TodoUpdate::id).toList());
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /** An update without an idempotency key. */
    public UpdateTodosCommand(ListId list, PersonId caller, List<TodoUpdate> updates) {
        this(list, caller, updates, Optional.empty());
    }

    /** This update, sent under the key (or none). */
    public UpdateTodosCommand withIdempotencyKey(Optional<IdempotencyKey> key) {
        return new UpdateTodosCommand(list, caller, updates, key);
    }

    /** What the update asks for, to tell it from another write sent under the same key. */
    public String fingerprint() {
        return "update|" + list.value() + "|" + updates;
    }
}
