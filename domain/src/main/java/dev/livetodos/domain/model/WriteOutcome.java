package dev.livetodos.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * What a write to a list's todos did, as it was answered: kept with the write's
 * {@link IdempotencyKey} so that the same write sent again is answered the same.
 */
public sealed interface WriteOutcome {

    /** A todo was created (the answer was 201 with it). */
    record Created(Todo todo) implements WriteOutcome {

        public Created {
            Objects.requireNonNull(todo, "todo");
        }
    }

    /** Todos were updated together (the answer was them, in request order). */
    record Updated(List<Todo> todos) implements WriteOutcome {

        public Updated {
            todos = List.copyOf(todos);
        }
    }

    /** Todos were deleted together (the answer was their ids and the list's seq after). */
    record Deleted(List<TodoId> ids, long seq) implements WriteOutcome {

        public Deleted {
            ids = List.copyOf(ids);
        }
    }
}
