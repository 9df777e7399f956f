package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.Objects;

/** What {@link TodoRepository#insertIfAbsent} found under a todo's id instead of storing the todo. */
public sealed interface Occupant {

    /** A todo that exists holds the id. */
    record Live(Todo todo) implements Occupant {

        public Live {
            Objects.requireNonNull(todo, "todo");
        }
    }

    /**
     * The id belonged to a todo that was deleted: the store keeps its tombstone, at the version
     * the delete wrote (the todo's last version plus one), for a while after the delete.
     */
    record Tombstone(TodoId id, long version) implements Occupant {

        public Tombstone {
            Objects.requireNonNull(id, "id");
            if (version < 2) {
                throw new IllegalArgumentException("a tombstone follows at least one write, version was " + version);
            }
        }
    }
}
