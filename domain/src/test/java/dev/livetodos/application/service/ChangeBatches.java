package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;

import dev.livetodos.domain.model.ListChange;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoName;
import java.util.ArrayList;
import java.util.List;

/** Batches of changes as a busy stream delivers them: many, with long names that are not ASCII. */
public final class ChangeBatches {

    /** Two, three and four bytes of UTF-8, and a quote that is escaped to two. */
    private static final int[] MULTIBYTE = {'é', '日', 0x1F600, '"'};

    private ChangeBatches() {
    }

    /** {@code count} upserts of todos {@code todo-000, todo-001, …}, each named as long as allowed. */
    public static List<TodoChange> largeUpserts(int count) {
        List<TodoChange> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(new TodoChange.Upserted(aTodo()
                    .withId(String.format("todo-%03d", i))
                    .withName(longMultibyteName(i))
                    .withVersion(i + 1L)
                    .build()));
        }
        return changes;
    }

    /** The changes, each a change of the todos of {@code list}. */
    public static List<ListChange> onList(ListId list, List<TodoChange> changes) {
        return changes.stream().<ListChange>map(change -> new ListChange.TodoChanged(list, change)).toList();
    }

    /** The longest name a todo may have, in characters that take more than one byte. */
    public static String longMultibyteName(int seed) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < TodoName.MAX_LENGTH; i++) {
            name.appendCodePoint(MULTIBYTE[(seed + i) % MULTIBYTE.length]);
        }
        return name.toString();
    }
}
