package dev.livetodos.adapter.in.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import dev.livetodos.adapter.out.dynamodb.StoredItem;
import dev.livetodos.domain.model.TodoChange;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the todo table's stream: an insert or modify is the todo as its new image shows it, or
 * its delete when the new image is a tombstone (a delete writes one, at the todo's last version
 * plus one; a todo created again over it is a modify back to a todo). A remove of a tombstone is
 * its time to live running out, no change to anyone; a remove of a todo (by hand, outside this
 * server) is a delete one version after the old image. Items of other kinds (a list's META and
 * member items, invites, tickets, accounts) are not todo changes.
 */
final class TodoStreamRecords {

    private TodoStreamRecords() {
    }

    /**
     * The change a stream record stands for, or empty when the record is about another kind of
     * item. Fails with {@link IllegalArgumentException} when a todo record cannot be read.
     */
    static Optional<TodoChange> toChange(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getEventName() == null) {
            throw new IllegalArgumentException("stream record " + record.getEventID() + " has no data");
        }
        Map<String, AttributeValue> keys = record.getDynamodb().getKeys();
        AttributeValue pk = keys == null ? null : keys.get(StoredItem.PARTITION_KEY);
        AttributeValue sk = keys == null ? null : keys.get(StoredItem.SORT_KEY);
        if (pk == null || sk == null || !StoredItem.isTodoKey(pk.getS(), sk.getS())) {
            return Optional.empty();
        }
        return switch (record.getEventName()) {
            case "INSERT", "MODIFY" -> {
                StoredItem written = item(record, record.getDynamodb().getNewImage());
                yield Optional.of(written instanceof StoredItem.Tombstone tombstone
                        ? new TodoChange.Deleted(tombstone.id(), tombstone.version())
                        : new TodoChange.Upserted(((StoredItem.Live) written).todo()));
            }
            case "REMOVE" -> {
                StoredItem removed = item(record, record.getDynamodb().getOldImage());
                yield removed instanceof StoredItem.Live live
                        ? Optional.of(TodoChange.Deleted.of(live.todo()))
                        : Optional.empty();
            }
            default -> throw new IllegalArgumentException(
                    "stream record " + record.getEventID() + " has the unknown event " + record.getEventName());
        };
    }

    /** The image as a todo or a tombstone; an image that is neither fails. */
    private static StoredItem item(DynamodbStreamRecord record, Map<String, AttributeValue> image) {
        if (image == null) {
            throw new IllegalArgumentException("stream record " + record.getEventID()
                    + " lacks the image it needs; the stream must show NEW_AND_OLD_IMAGES");
        }
        StoredItem item = StoredItem.read(DynamodbAttributeValueTransformer.toAttributeValueMapV2(image));
        if (item instanceof StoredItem.Unreadable unreadable) {
            throw new IllegalArgumentException("stream record " + record.getEventID()
                    + " holds an item that cannot be read as a todo: " + unreadable.problem());
        }
        return item;
    }
}
