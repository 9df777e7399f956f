package dev.livetodos.domain.model;

import java.util.List;

/**
 * The request was made against a state the todos are no longer in (a stale version, or an id
 * already taken by a todo with other content); nothing was written.
 */
public final class TodoConflictException extends TodoException {

    private final List<Conflict> conflicts;

    public TodoConflictException(String message, List<Conflict> conflicts) {
        super(message, null);
        this.conflicts = List.copyOf(conflicts);
    }

    public static TodoConflictException staleVersions(List<Conflict> conflicts) {
        return new TodoConflictException(conflicts.size() == 1
                ? "The todo " + conflicts.get(0).id() + " has changed since the version you sent; nothing was written."
                : conflicts.size() + " todos have changed since the versions you sent; nothing was written.",
                conflicts);
    }

    public static TodoConflictException idTaken(Todo existing) {
        return new TodoConflictException(
                "The id " + existing.id() + " is taken by a todo with other content.",
                List.of(new Conflict(existing.id(), existing.version())));
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }
}
