package dev.livetodos.domain.model;

import java.util.Objects;

/**
 * The caller is a member of the list, but their role does not allow what they asked (a viewer
 * changing a todo, an editor renaming the list, an owner leaving their own list). Nothing was
 * written.
 */
public final class ListAccessDeniedException extends ListException {

    private final ListId listId;
    private final ListOperation operation;

    public ListAccessDeniedException(ListId listId, ListOperation operation, String reason) {
        super(Objects.requireNonNull(reason, "reason"));
        this.listId = Objects.requireNonNull(listId, "listId");
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    public ListId listId() {
        return listId;
    }

    public ListOperation operation() {
        return operation;
    }
}
