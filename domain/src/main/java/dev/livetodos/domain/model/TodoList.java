package dev.livetodos.domain.model;

import java.util.Objects;

/**
 * A list of todos that one person owns and may share. Its {@code version} starts at 1 and grows
 * by one with every change to the list itself (a rename), as a todo's does. Its {@code seq}
 * counts the writes to the list and its todos, so a page can ask for what it missed; it is 0
 * until the change feed numbers writes.
 */
public record TodoList(ListId id, String name, PersonId ownerId, long version, long seq) {

    public TodoList {
        Objects.requireNonNull(id, "id");
        name = ListName.normalize(name);
        Objects.requireNonNull(ownerId, "ownerId");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
    }

    /** A list as it is first written, owned by whoever made it. */
    public static TodoList create(ListId id, String name, PersonId owner) {
        return new TodoList(id, name, owner, 1, 0);
    }

    /** This list under a new name, one version later. */
    public TodoList renamed(String newName) {
        return new TodoList(id, newName, ownerId, version + 1, seq);
    }

    /** Whether a create with this content is a replay of the one that made the other list. */
    public boolean hasSameContentAs(TodoList other) {
        return id.equals(other.id) && name.equals(other.name) && ownerId.equals(other.ownerId);
    }
}
