package dev.livetodos.adapter.out.dynamodb;

/**
 * The todo asked for is stored as an item this server cannot read (see {@link StoredItem}): a
 * fault of the store, which the API answers as a server error. Nothing was written; in
 * particular a create never overwrites such an item. Like the domain's failures it records no
 * stack trace: the key and the problem say everything an operator needs.
 */
public final class UnreadableTodoException extends RuntimeException {

    UnreadableTodoException(StoredItem.Unreadable item) {
        super("The stored item " + item.key() + " cannot be read as a todo: " + item.problem(), null, false, false);
    }
}
