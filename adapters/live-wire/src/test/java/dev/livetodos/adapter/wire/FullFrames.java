package dev.livetodos.adapter.wire;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Batches that fill one frame to the byte, to find the frame limit's edge. */
final class FullFrames {

    private FullFrames() {
    }

    /**
     * Upserts that, written as one frame, take exactly {@code frameBytes} bytes: long ASCII names
     * first, then one or two whose names are cut to fill the rest.
     */
    static List<TodoChange> fillingOneFrameOf(int frameBytes) {
        int overhead = utf8Bytes("{\"type\":\"changes\",\"listId\":\"l1\",\"changes\":[]}");
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
        return utf8Bytes(JsonChangeFrames.encode(asciiUpsert(0, nameLength)));
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
