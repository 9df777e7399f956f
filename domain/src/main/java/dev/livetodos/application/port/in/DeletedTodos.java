package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.TodoId;
import java.util.List;

/** The ids a delete removed, in request order, and the list's {@code seq} after it. */
public record DeletedTodos(List<TodoId> ids, long seq) {

    public DeletedTodos {
        ids = List.copyOf(ids);
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
    }
}
