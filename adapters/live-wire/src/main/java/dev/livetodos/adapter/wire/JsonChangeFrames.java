package dev.livetodos.adapter.wire;

import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.TodoChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames as JSON, written once per batch whichever host sends them:
 * <pre>{"type":"changes","listId":"…","changes":[{"op":"upsert","todo":{…}},{"op":"delete","id":"…","version":4}]}</pre>
 * ({@link ChangesFrame}, one list's changes), {@code {"type":"list","op":"upsert","list":{"id","name","role","version","seq"}}}
 * and {@code {"type":"list","op":"removed","listId":"…"}} ({@link ListFrame}). A list's changes
 * too many for one frame are split over several, each under the
 * host's limit in bytes of UTF-8 ({@link #API_GATEWAY_MAX_FRAME_BYTES} on both hosts today). Each
 * change is written once; a frame is its changes between the head and tail of the
 * {@link ChangesFrame} record's own encoding, so its bytes are counted exactly before it is made.
 */
public final class JsonChangeFrames implements ChangeFrames {

    /** API Gateway refuses frames of 32 KB and more; this leaves room to spare. */
    public static final int API_GATEWAY_MAX_FRAME_BYTES = 32_000;

    private static final String PONG = LiveJson.write(TypedMessage.PONG);

    /** The longest list id ({@link ListId}: 64 characters of ASCII), so every list's frame has room for a change. */
    private static final String LONGEST_LIST_ID = "x".repeat(64);

    private final int maxFrameBytes;

    /** @param maxFrameBytes every frame stays under this many bytes of UTF-8 (unless one change alone is larger) */
    public JsonChangeFrames(int maxFrameBytes) {
        int overhead = utf8Bytes(LiveJson.write(new ChangesFrame(LONGEST_LIST_ID, List.of())));
        if (maxFrameBytes <= overhead) {
            throw new IllegalArgumentException("a frame must be allowed more than " + overhead + " bytes, was " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public List<Frame> split(ListId list, List<TodoChange> changes) {
        // The list's empty frame, cut where its changes go: {"type":"changes","listId":"…","changes":[ and ]}.
        String empty = LiveJson.write(new ChangesFrame(list.value(), List.of()));
        int changesAt = empty.lastIndexOf("[]") + 1;
        String head = empty.substring(0, changesAt);
        String tail = empty.substring(changesAt);
        int overhead = utf8Bytes(empty);
        List<Frame> frames = new ArrayList<>();
        StringBuilder text = new StringBuilder(head);
        int bytes = overhead;
        int from = 0;
        for (int i = 0; i < changes.size(); i++) {
            String change = encode(changes.get(i));
            int changeBytes = utf8Bytes(change);
            if (i > from && bytes + 1 + changeBytes >= maxFrameBytes) {
                frames.add(new Frame(text.append(tail).toString(), from, i));
                text = new StringBuilder(head);
                bytes = overhead;
                from = i;
            }
            if (i > from) {
                text.append(',');
                bytes++;
            }
            text.append(change);
            bytes += changeBytes;
        }
        if (from < changes.size()) {
            frames.add(new Frame(text.append(tail).toString(), from, changes.size()));
        }
        return frames;
    }

    @Override
    public String listUpserted(ListWithRole list) {
        return LiveJson.write(new ListFrame.Upsert(ListJson.of(list)));
    }

    @Override
    public String listRemoved(ListId list) {
        return LiveJson.write(new ListFrame.Removed(list.value()));
    }

    @Override
    public String pong() {
        return PONG;
    }

    /** One change as it stands in a frame. */
    static String encode(TodoChange change) {
        return LiveJson.write(ChangeJson.of(change));
    }

    private static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
