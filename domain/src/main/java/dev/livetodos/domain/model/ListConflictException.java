package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The request was made against a state the list is no longer in: a rename that names a version
 * the list has moved on from, or a create under an id that is taken by another list. Nothing
 * was written.
 */
public final class ListConflictException extends ListException {

    private final ListId listId;
    private final OptionalLong currentVersion;

    private ListConflictException(String message, ListId listId, OptionalLong currentVersion) {
        super(message);
        this.listId = Objects.requireNonNull(listId, "listId");
        this.currentVersion = currentVersion;
    }

    /** The list has changed since the version the caller sent; it is at {@code current} now. */
    public static ListConflictException staleVersion(TodoList current) {
        return new ListConflictException("The list " + current.id() + " has changed since the version you sent; nothing was written.",
                current.id(), OptionalLong.of(current.version()));
    }

    /**
     * The id is taken by a list with other content. Its version is not told: the list may be
     * someone else's, and a list is only described to its members.
     */
    public static ListConflictException idTaken(ListId id) {
        return new ListConflictException("The id " + id + " is taken by another list.", id, OptionalLong.empty());
    }

    public ListId listId() {
        return listId;
    }

    /** The version the list is at, when the caller may know it. */
    public OptionalLong currentVersion() {
        return currentVersion;
    }
}
