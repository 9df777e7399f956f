package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ChangeCursor;
import dev.livetodos.domain.model.TodoChange;
import java.util.List;
import java.util.Objects;

/**
 * One page of a list's change feed: its changes in {@code seq} order, the cursor to ask from next
 * (it holds every write up to the last change given), and whether more follow at once.
 */
public record ListChanges(List<TodoChange> changes, ChangeCursor cursor, boolean more) {

    public ListChanges {
        changes = List.copyOf(changes);
        Objects.requireNonNull(cursor, "cursor");
    }
}
