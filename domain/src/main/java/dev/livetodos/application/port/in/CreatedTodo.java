package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Todo;
import java.util.Objects;

/** The stored todo, and whether this request wrote it or found it written by an earlier try. */
public record CreatedTodo(Todo todo, boolean replayed) {

    public CreatedTodo {
        Objects.requireNonNull(todo, "todo");
    }
}
