package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** 1 to 100 distinct todos of a list to remove together. */
public record DeleteTodosCommand(ListId list, PersonId caller, List<TodoId> ids) {

    public DeleteTodosCommand {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
        ids = List.copyOf(ids);
        Batch.check(ids);
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
