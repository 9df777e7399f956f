package dev.livetodos.adapter.out.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import dev.livetodos.domain.model.TodoChange;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the todo table's stream: an insert or modify is the todo as its new image shows it, a
 * remove is a delete one version after the old image. Items of other kinds are not todo changes.
 */
public final class TodoStreamRecords {

    private static final String TODO_PARTITION_PREFIX = TodoItem.partitionKey("");

    private TodoStreamRecords() {
    }

    /**
     * The change a stream record stands for, or empty when the record is about another kind of
     * item. Fails with {@link IllegalArgumentException} when a todo record cannot be read.
     */
    public static Optional<TodoChange> toChange(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getEventName() == null) {
            throw new IllegalArgumentException("stream record " + record.getEventID() + " has no data");
        }
        Map<String, AttributeValue> keys = record.getDynamodb().getKeys();
        AttributeValue pk = keys == null ? null : keys.get(TodoItem.PK);
        if (pk == null || pk.getS() == null || !pk.getS().startsWith(TODO_PARTITION_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(switch (record.getEventName()) {
            case "INSERT", "MODIFY" -> new TodoChange.Upserted(item(record, record.getDynamodb().getNewImage()).toTodo());
            case "REMOVE" -> TodoChange.Deleted.of(item(record, record.getDynamodb().getOldImage()).toTodo());
            default -> throw new IllegalArgumentException(
                    "stream record " + record.getEventID() + " has the unknown event " + record.getEventName());
        });
    }

    private static TodoItem item(DynamodbStreamRecord record, Map<String, AttributeValue> image) {
        if (image == null) {
            throw new IllegalArgumentException("stream record " + record.getEventID()
                    + " lacks the image it needs; the stream must show NEW_AND_OLD_IMAGES");
        }
        return TodoItem.SCHEMA.mapToItem(DynamodbAttributeValueTransformer.toAttributeValueMapV2(image));
    }
}
