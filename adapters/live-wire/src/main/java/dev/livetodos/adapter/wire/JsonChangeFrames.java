package dev.livetodos.adapter.wire;

import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.domain.model.ChangeCursor;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.TodoChange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The frames as JSON, written once per batch whichever host sends them:
 * <pre>{"type":"changes","listId":"…","cursor":"…","changes":[{"seq":41,"op":"upsert","todo":{…}},{"seq":42,"op":"delete","id":"…","version":4}]}</pre>
 * ({@link ChangesFrame}, one list's changes), {@code {"type":"list","op":"upsert","list":{"id","name","role","version","seq"}}}
 * and {@code {"type":"list","op":"removed","listId":"…"}} ({@link ListFrame}). A list's changes
 * too many for one frame are split over several, each under the
 * host's limit in bytes of UTF-8 ({@link #API_GATEWAY_MAX_FRAME_BYTES} on both hosts today). Each
 * change is written once; a frame is its changes between the head and tail of the
 * {@link ChangesFrame} record's own encoding, so its bytes are counted before it is made (with
 * room for the longest cursor). Each frame's cursor is for the highest {@code seq} in it, issued
 * when the frame is made.
 */
public final class JsonChangeFrames implements ChangeFrames {

    /** API Gateway refuses frames of 32 KB and more; this leaves room to spare. */
    public static final int API_GATEWAY_MAX_FRAME_BYTES = 32_000;

    private static final String PONG = LiveJson.write(TypedMessage.PONG);

    /** The longest list id ({@link ListId}: 64 characters of ASCII), so every list's frame has room for a change. */
    private static final String LONGEST_LIST_ID = "x".repeat(64);

    /** A cursor as long as any can be, to size frames before their cursor is known. */
    private static final String LONGEST_CURSOR = "c".repeat(Cursors.MAX_LENGTH);

    /** A W3C trace id: 32 lowercase hex digits, not all zero. */
    private static final Pattern TRACE_ID = Pattern.compile("(?!0{32})[0-9a-f]{32}");

    private static final String LONGEST_TRACE = "0".repeat(32);

    private final int maxFrameBytes;
    private final Clock clock;
    private final Supplier<Optional<String>> trace;

    /** @param maxFrameBytes every frame stays under this many bytes of UTF-8 (unless one change alone is larger) */
    public JsonChangeFrames(int maxFrameBytes) {
        this(maxFrameBytes, Clock.systemUTC());
    }

    /** @param clock issues the frames' cursors */
    public JsonChangeFrames(int maxFrameBytes, Clock clock) {
        this(maxFrameBytes, clock, Optional::empty);
    }

    /**
     * @param trace the id of the trace under way where frames are made (the fan-out's), written
     *              into each changes frame as {@code trace}; anything but a W3C trace id is left out
     */
    public JsonChangeFrames(int maxFrameBytes, Clock clock, Supplier<Optional<String>> trace) {
        int overhead = utf8Bytes(LiveJson.write(new ChangesFrame(LONGEST_LIST_ID, LONGEST_CURSOR, LONGEST_TRACE, List.of())));
        if (maxFrameBytes <= overhead) {
            throw new IllegalArgumentException("a frame must be allowed more than " + overhead + " bytes, was " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.clock = clock;
        this.trace = trace;
    }

    @Override
    public List<Frame> split(ListId list, List<TodoChange> changes) {
        String traceId = trace.get().filter(id -> TRACE_ID.matcher(id).matches()).orElse(null);
        // Numbered changes' frames are cut with room for the longest cursor, then written with their own.
        boolean numbered = changes.stream().anyMatch(change -> change.seq() > 0);
        int overhead = utf8Bytes(LiveJson.write(new ChangesFrame(list.value(), numbered ? LONGEST_CURSOR : null, traceId, List.of())));
        Instant issuedAt = clock.instant();
        List<Frame> frames = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        int bytes = overhead;
        int from = 0;
        for (int i = 0; i < changes.size(); i++) {
            String change = encode(changes.get(i));
            int changeBytes = utf8Bytes(change);
            if (i > from && bytes + 1 + changeBytes >= maxFrameBytes) {
                frames.add(frame(list, traceId, changes, encoded, from, i, issuedAt));
                encoded = new ArrayList<>();
                bytes = overhead;
                from = i;
            }
            bytes += (i > from ? 1 : 0) + changeBytes;
            encoded.add(change);
        }
        if (from < changes.size()) {
            frames.add(frame(list, traceId, changes, encoded, from, changes.size(), issuedAt));
        }
        return frames;
    }

    /** The frame of {@code changes[from, to)}, written as {@code encoded}, with the cursor for its highest seq. */
    private static Frame frame(ListId list, String traceId, List<TodoChange> changes, List<String> encoded, int from, int to,
                               Instant issuedAt) {
        long highest = changes.subList(from, to).stream().mapToLong(TodoChange::seq).max().orElse(0);
        String cursor = highest == 0 ? null : Cursors.encode(new ChangeCursor(highest, issuedAt));
        // The frame without changes, cut where they go: {"type":"changes",…,"changes":[ and ]}.
        String empty = LiveJson.write(new ChangesFrame(list.value(), cursor, traceId, List.of()));
        int changesAt = empty.lastIndexOf("[]") + 1;
        String text = empty.substring(0, changesAt) + String.join(",", encoded) + empty.substring(changesAt);
        return new Frame(text, from, to);
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
