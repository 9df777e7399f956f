package dev.livetodos.domain.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Something to do. Its {@code version} starts at 1 and grows by one with every write, so
 * everyone who sees two states of the same todo knows which is newer. Its {@code seq} is the
 * list's sequence number of the todo's last write (see {@link TodoList#seq()}): 0 until the store
 * has written it; the store gives every write its list's next number.
 */
public record Todo(TodoId id, String name, TodoStatus status, long version, Instant createdAt, Instant updatedAt, long seq) {

    /** The order in which todos are listed: oldest first, ties broken by id. */
    public static final Comparator<Todo> OLDEST_FIRST =
            Comparator.comparing(Todo::createdAt).thenComparing(Todo::id);

    public Todo {
        Objects.requireNonNull(id, "id");
        name = TodoName.normalize(name);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
    }

    /** A todo the store has not numbered yet (seq 0). */
    public Todo(TodoId id, String name, TodoStatus status, long version, Instant createdAt, Instant updatedAt) {
        this(id, name, status, version, createdAt, updatedAt, 0);
    }

    /** This todo as the write numbered {@code seq} of its list stored it. */
    public Todo withSeq(long seq) {
        return new Todo(id, name, status, version, createdAt, updatedAt, seq);
    }

    /** A todo as it is first written. */
    public static Todo create(TodoId id, String name, TodoStatus status, Instant now) {
        return new Todo(id, name, status, 1, now, now);
    }

    /**
     * This todo, created under the id of a todo that was deleted at {@code deletedVersion}: it
     * continues that todo's versions, so everyone who applies only newer versions takes it.
     */
    public Todo continuingAfter(long deletedVersion) {
        return new Todo(id, name, status, deletedVersion + 1, createdAt, updatedAt);
    }

    /** This todo after the given changes, one version later. */
    public Todo apply(TodoChanges changes, Instant now) {
        return new Todo(id,
                changes.name().orElse(name),
                changes.status().orElse(status),
                version + 1,
                createdAt,
                now);
    }

    /** Whether the other todo says the same thing: same id, name and status. */
    public boolean hasSameContentAs(Todo other) {
        return id.equals(other.id) && name.equals(other.name) && status == other.status;
    }
}
