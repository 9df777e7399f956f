package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.TodoChange;
import java.util.List;

/**
 * The messages a subscriber reads, as the text frames that carry them: a batch of changes, and
 * the answer to a ping. How they are written (the wire format) and how large one frame may be
 * belong to the host's adapters; the core only decides who gets which frame, and when.
 */
public interface ChangeFrames {

    /**
     * The changes, in order, over as few frames as the frame limit allows: each frame carries the
     * changes at positions {@code [from, to)} of the list. No changes, no frame.
     */
    List<Frame> split(List<TodoChange> changes);

    /** The answer to a subscriber's ping. */
    String pong();

    /** One frame's text and the positions {@code [from, to)} of the changes it carries. */
    record Frame(String text, int from, int to) {

        public Frame {
            if (text == null || from < 0 || to <= from) {
                throw new IllegalArgumentException("a frame carries text and at least one change, was [" + from + ", " + to + ")");
            }
        }

        /** The same frame, its positions counted from {@code offset} further on (in a longer batch). */
        public Frame shiftedBy(int offset) {
            return new Frame(text, from + offset, to + offset);
        }
    }
}
