package dev.livetodos.adapter.wire;

import java.util.List;
import java.util.Objects;

/**
 * The server's frame of one list's changes, {@code {"type":"changes","listId":"…","changes":[…]}}:
 * one stream batch's changes of that list, or a stretch of them too large for a single frame, in
 * stream order. Fields a later version adds to the frame (a cursor) go before {@code changes},
 * which stays last.
 */
public record ChangesFrame(String type, String listId, List<ChangeJson> changes) {

    public static final String TYPE = "changes";

    public ChangesFrame(String listId, List<ChangeJson> changes) {
        this(TYPE, listId, changes);
    }

    public ChangesFrame {
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("a changes frame's type is " + TYPE + ", was " + type);
        }
        Objects.requireNonNull(listId, "listId");
        changes = List.copyOf(changes);
    }
}
