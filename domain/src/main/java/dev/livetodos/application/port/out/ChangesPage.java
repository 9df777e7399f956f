package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.TodoChange;
import java.util.List;

/**
 * One page of a list's change feed: the current state of every todo (or its tombstone) whose last
 * write came after a given {@code seq}, in {@code seq} order, and whether the feed has more after
 * the last of them. A todo written several times appears once, at its last write: the numbers of
 * its earlier writes are gaps in the feed, and so are the numbers of renames of the list.
 */
public record ChangesPage(List<TodoChange> changes, boolean more) {

    public ChangesPage {
        changes = List.copyOf(changes);
        for (int i = 1; i < changes.size(); i++) {
            if (changes.get(i).seq() <= changes.get(i - 1).seq()) {
                throw new IllegalArgumentException("changes come in growing seq order, " + changes.get(i).seq()
                        + " came after " + changes.get(i - 1).seq());
            }
        }
    }
}
