package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.Objects;

/**
 * What holds a todo's id after {@link TodoRepository#insertIfAbsent}: the todo it stored, or what
 * it found there instead of storing it.
 */
public sealed interface Occupant {

    /** The id was free: the todo is stored, as it is now (with its {@code seq}). */
    record Inserted(Todo todo) implements Occupant {

        public Inserted {
            Objects.requireNonNull(todo, "todo");
        }
    }

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
