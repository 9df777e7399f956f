package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.Violation;
import dev.livetodos.domain.model.Violations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules every batch request follows: 1 to 97 entries, each todo at most once. A batch is
 * written in one store transaction, which also checks that the writer may still write to the
 * list, takes the list's next seqs on its META item (which holds only while the list is live) and
 * keeps the write under its idempotency key; the store takes 100 actions per transaction, so 97
 * are left for todos (version 1, without those, took 100).
 */
final class Batch {

    static final int MAX_ENTRIES = 97;

    private Batch() {
    }

    /** Size first: a batch of the wrong size is not worth reading entry by entry. */
    static void checkSize(int size) {
        if (size == 0 || size > MAX_ENTRIES) {
            throw InvalidTodoException.of(Violation.WHOLE_REQUEST, "must hold 1 to " + MAX_ENTRIES + " entries, held " + size);
        }
    }

    static void check(List<TodoId> ids) {
        checkSize(ids.size());
        Violations violations = new Violations();
        Set<TodoId> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                violations.add("[" + i + "]", "repeats the id " + ids.get(i) + "; name each todo once");
            }
        }
        violations.throwIfAny();
    }
}
