package dev.livetodos.adapter.wire;

import java.util.Objects;

/**
 * The server's frames about a list itself, {@code {"type":"list","op":…}}: the page adds or
 * updates the list, or drops it with everything of it.
 */
public sealed interface ListFrame {

    String TYPE = "list";

    String type();

    String op();

    /**
     * {@code {"type":"list","op":"upsert","list":{"id","name","role","version","seq"}}}: the member
     * may see the list (they joined, their role changed, or it was renamed); newer version wins.
     */
    record Upsert(String type, String op, ListJson list) implements ListFrame {

        public static final String OP = "upsert";

        public Upsert(ListJson list) {
            this(TYPE, OP, list);
        }

        public Upsert {
            if (!TYPE.equals(type) || !OP.equals(op)) {
                throw new IllegalArgumentException("a list upsert is type " + TYPE + ", op " + OP + "; was " + type + ", " + op);
            }
            Objects.requireNonNull(list, "list");
        }
    }

    /**
     * {@code {"type":"list","op":"removed","listId":"…"}}: the member may no longer see the list
     * (removed, left, or the list was deleted); nothing more of it follows.
     */
    record Removed(String type, String op, String listId) implements ListFrame {

        public static final String OP = "removed";

        public Removed(String listId) {
            this(TYPE, OP, listId);
        }

        public Removed {
            if (!TYPE.equals(type) || !OP.equals(op)) {
                throw new IllegalArgumentException("a list removal is type " + TYPE + ", op " + OP + "; was " + type + ", " + op);
            }
            Objects.requireNonNull(listId, "listId");
        }
    }
}
