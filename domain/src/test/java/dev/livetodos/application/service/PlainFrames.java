package dev.livetodos.application.service;

import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.domain.model.TodoChange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Frames as the core's tests read them: each change in a few words ({@code upsert t1 v3},
 * {@code delete t2 v4}), at most {@link #CHANGES_PER_FRAME} to a frame. What the wire format is
 * and how large a frame may be belongs to the adapters (and is tested there); the core only
 * needs frames in order, each knowing which changes it carries.
 */
final class PlainFrames implements ChangeFrames {

    static final int CHANGES_PER_FRAME = 64;
    static final String PONG = "pong";
    static final PlainFrames FRAMES = new PlainFrames();

    private PlainFrames() {
    }

    @Override
    public List<Frame> split(List<TodoChange> changes) {
        List<Frame> frames = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += CHANGES_PER_FRAME) {
            int to = Math.min(changes.size(), from + CHANGES_PER_FRAME);
            String text = changes.subList(from, to).stream().map(PlainFrames::words).collect(Collectors.joining(", ", "[", "]"));
            frames.add(new Frame(text, from, to));
        }
        return frames;
    }

    @Override
    public String pong() {
        return PONG;
    }

    static String words(TodoChange change) {
        if (change instanceof TodoChange.Upserted upserted) {
            return "upsert " + upserted.todo().id().value() + " v" + upserted.todo().version();
        }
        TodoChange.Deleted deleted = (TodoChange.Deleted) change;
        return "delete " + deleted.id().value() + " v" + deleted.version();
    }
}
