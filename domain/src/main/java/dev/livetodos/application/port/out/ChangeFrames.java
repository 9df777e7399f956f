package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.TodoChange;
import java.util.List;

/**
 * The messages a subscriber reads, as the text frames that carry them: a list's changes, a list
 * that a person may now see (or see anew), a list they may no longer see, and the answer to a
 * ping. How they are written (the wire format) and how large one frame may be belong to the
 * host's adapters; the core only decides who gets which frame, and when.
 */
public interface ChangeFrames {

    /**
     * Changes of one list, in order, over as few frames as the frame limit allows: each frame
     * carries the changes at positions {@code [from, to)} of the given changes. No changes, no frame.
     */
    List<Frame> split(ListId list, List<TodoChange> changes);

    /** The list as one member sees it (their role there): they joined it, their role changed, or it was renamed. */
    String listUpserted(ListWithRole list);

    /** The member may no longer see the list: they left or were removed, or it was deleted. */
    String listRemoved(ListId list);

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
