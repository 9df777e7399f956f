package dev.livetodos.domain.model;

/**
 * A write to a list's todos did not commit because the person writing may not change them (any
 * more): they are not a member, or not one who may write. The store checks this in the same
 * transaction as the write, so a member removed a moment ago cannot write afterwards. Nothing was
 * written. Services turn it into what the person is told ({@link ListNotFoundException} or
 * {@link ListAccessDeniedException}); it is not an answer in itself.
 */
public final class WriteNotAllowedException extends TodoException {

    private final ListId listId;

    public WriteNotAllowedException(ListId listId) {
        super("The write to list " + listId + " is not allowed to this person.", null);
        this.listId = listId;
    }

    public ListId listId() {
        return listId;
    }
}
