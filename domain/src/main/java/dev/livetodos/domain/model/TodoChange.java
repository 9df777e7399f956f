package dev.livetodos.domain.model;

import java.util.Objects;

/**
 * One change to the todo list as subscribers learn of it. A delete is a write too: it carries
 * the deleted todo's last version plus one, so "apply only if newer" removes it.
 */
public sealed interface TodoChange {

    TodoId id();

    long version();

    /** The list's sequence number of this write; 0 when it came from before the change feed. */
    long seq();

    /** The todo now reads like this (created or updated). */
    record Upserted(Todo todo) implements TodoChange {

        public Upserted {
            Objects.requireNonNull(todo, "todo");
        }

        @Override
        public TodoId id() {
            return todo.id();
        }

        @Override
        public long version() {
            return todo.version();
        }

        @Override
        public long seq() {
            return todo.seq();
        }
    }

    /** The todo is gone, as of {@code version}, by the list's write {@code seq}. */
    record Deleted(TodoId id, long version, long seq) implements TodoChange {

        public Deleted {
            Objects.requireNonNull(id, "id");
            if (version < 2) {
                throw new IllegalArgumentException("a delete follows at least one write, version was " + version);
            }
            if (seq < 0) {
                throw new IllegalArgumentException("seq must not be negative, was " + seq);
            }
        }

        /** A delete not numbered by the change feed (seq 0). */
        public Deleted(TodoId id, long version) {
            this(id, version, 0);
        }

        public static Deleted of(Todo last) {
            return new Deleted(last.id(), last.version() + 1);
        }
    }
}
