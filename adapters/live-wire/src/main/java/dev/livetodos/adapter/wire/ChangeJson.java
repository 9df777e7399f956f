package dev.livetodos.adapter.wire;

import dev.livetodos.domain.model.TodoChange;

/**
 * One change in a {@link ChangesFrame} or a page of the change feed:
 * {@code {"seq":41,"op":"upsert","todo":{…}}} or {@code {"seq":42,"op":"delete","id":"…","version":4}}.
 * A subscriber applies it only when its version is newer than what it holds; {@code seq} is the
 * list's sequence number of the write.
 */
public sealed interface ChangeJson {

    long seq();

    String op();

    static ChangeJson of(TodoChange change) {
        if (change instanceof TodoChange.Upserted upserted) {
            return new Upsert(TodoJson.of(upserted.todo()));
        }
        TodoChange.Deleted deleted = (TodoChange.Deleted) change;
        return new Delete(deleted.seq(), deleted.id().value(), deleted.version());
    }

    /** The todo as it now is. */
    record Upsert(long seq, String op, TodoJson todo) implements ChangeJson {

        public static final String OP = "upsert";

        public Upsert(TodoJson todo) {
            this(todo.seq(), OP, todo);
        }

        public Upsert {
            if (!OP.equals(op)) {
                throw new IllegalArgumentException("an upsert's op is " + OP + ", was " + op);
            }
        }
    }

    /** The todo is gone; {@code version} is its last version plus one. */
    record Delete(long seq, String op, String id, long version) implements ChangeJson {

        public static final String OP = "delete";

        public Delete(long seq, String id, long version) {
            this(seq, OP, id, version);
        }

        public Delete {
            if (!OP.equals(op)) {
                throw new IllegalArgumentException("a delete's op is " + OP + ", was " + op);
            }
        }
    }
}
