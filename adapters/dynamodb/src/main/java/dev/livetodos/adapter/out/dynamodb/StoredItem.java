package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What an item of the todo table turns out to be when it is read: a todo, the tombstone of a
 * deleted one, or something this server cannot read as either (an item written by hand or by a
 * buggy tool: a status it does not know, a missing attribute, a name or id it would refuse).
 * An unreadable item is the store's fault, never a caller's: reading it must not fail as if the
 * request were wrong. Public for the table's stream reader ({@code adapter.in.dynamodb}), which
 * reads the same items out of stream records.
 */
public sealed interface StoredItem {

    /** The attribute that holds an item's partition key. */
    String PARTITION_KEY = TodoItem.PK;
    String SORT_KEY = TodoItem.SK;

    /**
     * Whether an item under these keys is a todo (or a todo's tombstone): under a list's
     * partition, beside the list's own items (META, members), which are not.
     */
    static boolean isTodoKey(String partitionKey, String sortKey) {
        return partitionKey != null && partitionKey.startsWith(ListItems.LIST_PREFIX)
                && sortKey != null && sortKey.startsWith(TodoItem.SORT_PREFIX);
    }

    record Live(Todo todo) implements StoredItem {
    }

    /** A deleted todo: the version its delete wrote and the list's sequence number of that delete (0 before the feed). */
    record Tombstone(TodoId id, long version, long seq) implements StoredItem {
    }

    /**
     * @param key     the item's key, as an operator would look it up ({@code pk=…, sk=…})
     * @param problem what is wrong with it, in one line
     */
    record Unreadable(String key, String problem) implements StoredItem {
    }

    static StoredItem read(Map<String, AttributeValue> item) {
        try {
            TodoItem mapped = TodoItem.SCHEMA.mapToItem(item);
            if (mapped.isTombstone()) {
                if (mapped.version() < 2) {
                    throw new IllegalArgumentException("a tombstone must have a version of 2 or more, was " + mapped.version());
                }
                return new Tombstone(new TodoId(mapped.id()), mapped.version(), mapped.seq() == null ? 0 : mapped.seq());
            }
            return new Live(mapped.toTodo());
        } catch (RuntimeException unreadable) {
            return new Unreadable(keyOf(item), describe(unreadable));
        }
    }

    private static String keyOf(Map<String, AttributeValue> item) {
        return TodoItem.PK + "=" + text(item.get(TodoItem.PK)) + ", " + TodoItem.SK + "=" + text(item.get(TodoItem.SK));
    }

    private static String text(AttributeValue value) {
        return value == null ? "(none)" : Objects.requireNonNullElse(value.s(), value.toString());
    }

    private static String describe(RuntimeException error) {
        if (error instanceof NullPointerException && error.getMessage() != null && !error.getMessage().contains(" ")) {
            return "it has no " + error.getMessage();
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
