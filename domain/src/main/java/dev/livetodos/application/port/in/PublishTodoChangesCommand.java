package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListChange;
import dev.livetodos.domain.model.StreamPosition;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Changes to lists (their todos, their members, the lists themselves) in the order the store
 * made them (per item, oldest first), each with its position in the stream it came from
 * (growing, one per change), so a retry of the same stretch can tell which of them a subscriber
 * already has.
 */
public record PublishTodoChangesCommand(List<ListChange> changes, List<StreamPosition> positions) {

    public PublishTodoChangesCommand {
        changes = List.copyOf(changes);
        positions = List.copyOf(positions);
        if (changes.size() != positions.size()) {
            throw new IllegalArgumentException("one position per change: " + changes.size() + " changes, "
                    + positions.size() + " positions");
        }
        for (int i = 1; i < positions.size(); i++) {
            if (!positions.get(i).isAfter(positions.get(i - 1))) {
                throw new IllegalArgumentException("positions grow: " + positions.get(i) + " after " + positions.get(i - 1));
            }
        }
    }

    /** Changes that did not come from a stream: numbered 1, 2, 3… */
    public PublishTodoChangesCommand(List<ListChange> changes) {
        this(changes, LongStream.rangeClosed(1, changes.size()).mapToObj(StreamPosition::of).toList());
    }
}
