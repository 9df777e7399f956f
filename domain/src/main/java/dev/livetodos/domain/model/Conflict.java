package dev.livetodos.domain.model;

import java.util.Objects;

/** A todo that is not in the state the request expected, and the version it is at now. */
public record Conflict(TodoId id, long currentVersion) {

    public Conflict {
        Objects.requireNonNull(id, "id");
    }
}
