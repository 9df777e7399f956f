package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Batches of changes as a busy stream delivers them: many, with long names that are not ASCII. */
final class ChangeBatches {

    /** Two, three and four bytes of UTF-8, and a quote that is escaped to two. */
    private static final int[] MULTIBYTE = {'é', '日', 0x1F600, '"'};

    private ChangeBatches() {
    }

    /** {@code count} upserts of todos {@code todo-000, todo-001, …}, each named as long as allowed. */
    static List<TodoChange> largeUpserts(int count) {
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

    /** The longest name a todo may have, in characters that take more than one byte. */
    static String longMultibyteName(int seed) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < TodoName.MAX_LENGTH; i++) {
            name.appendCodePoint(MULTIBYTE[(seed + i) % MULTIBYTE.length]);
        }
        return name.toString();
    }

    /**
     * Upserts that, written as one frame, take exactly {@code frameBytes} bytes: long ASCII names
     * first, then one or two whose names are cut to fill the rest.
     */
    static List<TodoChange> fillingOneFrameOf(int frameBytes) {
        int overhead = utf8Bytes("{\"type\":\"changes\",\"changes\":[]}");
        int shortest = changeBytes(1);
        int longest = changeBytes(TodoName.MAX_LENGTH);
        List<TodoChange> changes = new ArrayList<>();
        int used = overhead;
        while (room(frameBytes, used, changes) > longest + 1 + shortest) {
            used += (changes.isEmpty() ? 0 : 1) + longest;
            changes.add(asciiUpsert(changes.size(), TodoName.MAX_LENGTH));
        }
        int room = room(frameBytes, used, changes);
        if (room > longest) {
            int first = room - 1 - shortest;
            changes.add(asciiUpsert(changes.size(), first - shortest + 1));
            changes.add(asciiUpsert(changes.size(), 1));
        } else {
            changes.add(asciiUpsert(changes.size(), room - shortest + 1));
        }
        return changes;
    }

    /** Bytes left for the next change, after the comma that would come before it. */
    private static int room(int frameBytes, int used, List<TodoChange> changes) {
        return frameBytes - used - (changes.isEmpty() ? 0 : 1);
    }

    private static int changeBytes(int nameLength) {
        return utf8Bytes(ChangeFrames.encode(asciiUpsert(0, nameLength)));
    }

    /** Ids of one length, so every change with the same name length takes the same bytes. */
    private static TodoChange asciiUpsert(int index, int nameLength) {
        Todo todo = aTodo().withId(String.format("fill-%04d", index)).withName("x".repeat(nameLength)).build();
        return new TodoChange.Upserted(todo);
    }

    private static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
