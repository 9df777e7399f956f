package dev.livetodos.adapter.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The server's frame of one list's changes,
 * {@code {"type":"changes","listId":"…","cursor":"…","changes":[…]}}: one stream batch's changes
 * of that list, or a stretch of them too large for a single frame, in stream order. The
 * {@code cursor} (see {@link Cursors}) is for the highest {@code seq} in the frame; a frame of
 * changes written before the change feed numbered writes has none. The {@code trace} is the id of
 * the trace the frame was sent in (where the server traces), for a developer to find the write
 * and the fan-out behind a change. Fields a later version adds go before {@code changes}, which
 * stays last.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangesFrame(String type, String listId, String cursor, String trace, List<ChangeJson> changes) {

    public static final String TYPE = "changes";

    public ChangesFrame(String listId, String cursor, List<ChangeJson> changes) {
        this(TYPE, listId, cursor, null, changes);
    }

    /** @param trace the trace id (32 hex digits) of the fan-out that sent the frame, for the page's console; may be null */
    public ChangesFrame(String listId, String cursor, String trace, List<ChangeJson> changes) {
        this(TYPE, listId, cursor, trace, changes);
    }

    public ChangesFrame {
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("a changes frame's type is " + TYPE + ", was " + type);
        }
        Objects.requireNonNull(listId, "listId");
        changes = List.copyOf(changes);
    }
}
