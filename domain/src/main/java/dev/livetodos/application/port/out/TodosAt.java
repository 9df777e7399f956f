package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.Todo;
import java.util.List;

/**
 * Every todo of a list as one read found them, and the list's {@code seq} read before any of
 * them: the read holds every write up to {@code seq} (and perhaps some later ones), so the change
 * feed after {@code seq} brings whoever holds it up to date.
 */
public record TodosAt(long seq, List<Todo> todos) {

    public TodosAt {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
        todos = List.copyOf(todos);
    }
}
