package dev.livetodos.adapter.wire;

import java.util.List;

/**
 * The server's frame of changes, {@code {"type":"changes","changes":[…]}}: one stream batch, or
 * a stretch of one too large for a single frame, its changes in stream order. Fields a later
 * version adds to the frame (a list id, a cursor) go before {@code changes}, which stays last.
 */
public record ChangesFrame(String type, List<ChangeJson> changes) {

    public static final String TYPE = "changes";

    public ChangesFrame(List<ChangeJson> changes) {
        this(TYPE, changes);
    }

    public ChangesFrame {
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("a changes frame's type is " + TYPE + ", was " + type);
        }
        changes = List.copyOf(changes);
    }
}
