package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.TodoList;
import java.util.Objects;

/** The stored list, and whether this request wrote it or found it written by an earlier try. */
public record CreatedList(TodoList list, boolean replayed) {

    public CreatedList {
        Objects.requireNonNull(list, "list");
    }
}
