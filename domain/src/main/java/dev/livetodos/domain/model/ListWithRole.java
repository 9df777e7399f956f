package dev.livetodos.domain.model;

import java.util.Objects;

/** A list as one of its members sees it: the list and what they may do with it. */
public record ListWithRole(TodoList list, Role role) {

    public ListWithRole {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(role, "role");
    }
}
