package dev.livetodos.application.service;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The live-change wire format, written once per batch whichever host sends it:
 * <pre>{"type":"changes","changes":[{"op":"upsert","todo":{…}},{"op":"delete","id":"…","version":4}]}</pre>
 * A batch too large for one WebSocket frame is split over several, each under
 * {@value #MAX_FRAME_BYTES} bytes of UTF-8 (API Gateway refuses frames of 32 KB and more).
 * The format is small and fixed, so it is written here by hand and kept to the JSON grammar.
 */
public final class ChangeFrames {

    public static final int MAX_FRAME_BYTES = 32_000;

    /** The answer to a subscriber's {@code {"type":"ping"}}. */
    public static final String PONG = "{\"type\":\"pong\"}";

    private static final String HEAD = "{\"type\":\"changes\",\"changes\":[";
    private static final String TAIL = "]}";
    private static final int OVERHEAD = HEAD.length() + TAIL.length();

    private ChangeFrames() {
    }

    /** One frame's text and the positions {@code [from, to)} of the changes it carries. */
    public record Frame(String text, int from, int to) {
    }

    public static List<Frame> split(List<TodoChange> changes) {
        List<Frame> frames = new ArrayList<>();
        StringBuilder text = new StringBuilder(HEAD);
        int bytes = OVERHEAD;
        int from = 0;
        for (int i = 0; i < changes.size(); i++) {
            String change = encode(changes.get(i));
            int changeBytes = change.getBytes(StandardCharsets.UTF_8).length;
            if (i > from && bytes + 1 + changeBytes >= MAX_FRAME_BYTES) {
                frames.add(new Frame(text.append(TAIL).toString(), from, i));
                text = new StringBuilder(HEAD);
                bytes = OVERHEAD;
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
            frames.add(new Frame(text.append(TAIL).toString(), from, changes.size()));
        }
        return frames;
    }

    static String encode(TodoChange change) {
        StringBuilder json = new StringBuilder(160);
        if (change instanceof TodoChange.Upserted upserted) {
            Todo todo = upserted.todo();
            json.append("{\"op\":\"upsert\",\"todo\":{\"id\":");
            string(json, todo.id().value());
            json.append(",\"name\":");
            string(json, todo.name());
            json.append(",\"status\":\"").append(todo.status().value())
                    .append("\",\"version\":").append(todo.version())
                    .append(",\"createdAt\":\"").append(todo.createdAt())
                    .append("\",\"updatedAt\":\"").append(todo.updatedAt())
                    .append("\"}}");
        } else if (change instanceof TodoChange.Deleted deleted) {
            json.append("{\"op\":\"delete\",\"id\":");
            string(json, deleted.id().value());
            json.append(",\"version\":").append(deleted.version()).append('}');
        }
        return json.toString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
