package dev.livetodos.domain.model;

import java.util.Objects;

/**
 * There is no such list, or the caller is not one of its members: the two look the same from
 * outside, so a list's existence is never revealed to someone who may not see it. Nothing was
 * written.
 */
public final class ListNotFoundException extends ListException {

    private final ListId listId;

    public ListNotFoundException(ListId listId) {
        super("No list you can see has the id " + Objects.requireNonNull(listId, "listId") + ".");
        this.listId = listId;
    }

    public ListId listId() {
        return listId;
    }
}
