package dev.livetodos.application.service;

import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.TodoChange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Frames as the core's tests read them: a list's changes in a few words
 * ({@code list-1 [upsert t1 v3, delete t2 v4]}), at most {@link #CHANGES_PER_FRAME} to a frame;
 * {@code list-1 upsert Groceries v1 as editor}; {@code list-1 removed}. What the wire format is
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
    public List<Frame> split(ListId list, List<TodoChange> changes) {
        List<Frame> frames = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += CHANGES_PER_FRAME) {
            int to = Math.min(changes.size(), from + CHANGES_PER_FRAME);
            String text = list.value() + " " + changes.subList(from, to).stream().map(PlainFrames::words)
                    .collect(Collectors.joining(", ", "[", "]"));
            frames.add(new Frame(text, from, to));
        }
        return frames;
    }

    @Override
    public String listUpserted(ListWithRole list) {
        return upserted(list.list().id(), list.list().name(), list.list().version(), list.role().value());
    }

    @Override
    public String listRemoved(ListId list) {
        return removed(list);
    }

    @Override
    public String pong() {
        return PONG;
    }

    static String upserted(ListId list, String name, long version, String role) {
        return list.value() + " upsert " + name + " v" + version + " as " + role;
    }

    static String removed(ListId list) {
        return list.value() + " removed";
    }

    static String words(TodoChange change) {
        if (change instanceof TodoChange.Upserted upserted) {
            return "upsert " + upserted.todo().id().value() + " v" + upserted.todo().version();
        }
        TodoChange.Deleted deleted = (TodoChange.Deleted) change;
        return "delete " + deleted.id().value() + " v" + deleted.version();
    }
}
