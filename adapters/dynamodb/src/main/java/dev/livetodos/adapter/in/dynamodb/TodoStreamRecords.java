package dev.livetodos.adapter.in.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import dev.livetodos.adapter.out.dynamodb.StoredItem;
import dev.livetodos.adapter.out.dynamodb.StoredListItem;
import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.ListChange;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoList;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the table's stream as changes to lists.
 *
 * <p><b>Todos</b> ({@code LIST#<listId>} / {@code TODO#<id>}): an insert or modify is the todo as
 * its new image shows it, or its delete when the new image is a tombstone (a delete writes one,
 * at the todo's last version plus one; a todo created again over it is a modify back to a todo).
 * A remove of a tombstone is its time to live running out, no change to anyone; a remove of a
 * todo (by hand, outside this server) is a delete one version after the old image. The list a
 * change belongs to is read from the image that shows the todo: for a delete, the old image,
 * what the store held before, so who hears of a delete never depends on what its caller sent.
 *
 * <p><b>Members</b> ({@code MEMBER#<personId>}): an insert is a person joining with the new
 * image's role, a modify a change of role (none if the role stayed), a remove their leaving,
 * with the old image's role. <b>A list's META</b>: an insert, or a modify of its name or version,
 * is the list as it now reads; the modify that marks it deleted, or a remove of a META that was
 * not marked, is its deletion; a modify of anything else (its {@code seq}) and the remove of a
 * marked META (the end of a deletion already told) are no change to anyone.
 *
 * <p>Items of other kinds (invites, tickets, people, accounts) are no list's changes.
 */
final class TodoStreamRecords {

    private TodoStreamRecords() {
    }

    /**
     * The change a stream record stands for, or empty when the record is about no list's change.
     * Fails with {@link IllegalArgumentException} when a record about a list cannot be read.
     */
    static Optional<ListChange> toChange(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getEventName() == null) {
            throw new IllegalArgumentException("stream record " + record.getEventID() + " has no data");
        }
        Map<String, AttributeValue> keys = record.getDynamodb().getKeys();
        AttributeValue pk = keys == null ? null : keys.get(StoredItem.PARTITION_KEY);
        AttributeValue sk = keys == null ? null : keys.get(StoredItem.SORT_KEY);
        if (pk == null || sk == null) {
            return Optional.empty();
        }
        try {
            if (StoredItem.isTodoKey(pk.getS(), sk.getS())) {
                return todoChange(record);
            }
            if (StoredListItem.isMeta(pk.getS(), sk.getS())) {
                return listChange(record, StoredListItem.listOf(pk.getS()).orElseThrow());
            }
            Optional<PersonId> member = StoredListItem.memberOf(pk.getS(), sk.getS());
            if (member.isPresent()) {
                return membershipChange(record, StoredListItem.listOf(pk.getS()).orElseThrow(), member.get());
            }
            return Optional.empty();
        } catch (InvalidTodoException unreadable) {
            throw new IllegalArgumentException("stream record " + record.getEventID() + " holds a key or value that cannot be read: "
                    + unreadable.getMessage(), unreadable);
        }
    }

    private static Optional<ListChange> todoChange(DynamodbStreamRecord record) {
        return switch (eventOf(record)) {
            case "INSERT", "MODIFY" -> {
                Map<String, AttributeValue> newImage = image(record, record.getDynamodb().getNewImage());
                StoredItem written = todo(record, newImage);
                if (written instanceof StoredItem.Tombstone tombstone) {
                    // Deleted: the list it was on is the one the item was under before.
                    ListId list = listOf(record, image(record, record.getDynamodb().getOldImage()));
                    yield Optional.of(new ListChange.TodoChanged(list, new TodoChange.Deleted(tombstone.id(), tombstone.version(), tombstone.seq())));
                }
                yield Optional.of(new ListChange.TodoChanged(listOf(record, newImage),
                        new TodoChange.Upserted(((StoredItem.Live) written).todo())));
            }
            case "REMOVE" -> {
                Map<String, AttributeValue> oldImage = image(record, record.getDynamodb().getOldImage());
                StoredItem removed = todo(record, oldImage);
                yield removed instanceof StoredItem.Live live
                        ? Optional.of(new ListChange.TodoChanged(listOf(record, oldImage), TodoChange.Deleted.of(live.todo())))
                        : Optional.empty();
            }
            default -> throw unknownEvent(record);
        };
    }

    private static Optional<ListChange> listChange(DynamodbStreamRecord record, ListId list) {
        return switch (eventOf(record)) {
            case "INSERT" -> StoredListItem.list(v2(image(record, record.getDynamodb().getNewImage())))
                    .map(ListChange.ListUpdated::new);
            case "MODIFY" -> {
                Optional<TodoList> before = StoredListItem.list(v2(image(record, record.getDynamodb().getOldImage())));
                Optional<TodoList> after = StoredListItem.list(v2(image(record, record.getDynamodb().getNewImage())));
                if (after.isEmpty()) {
                    yield before.isPresent() ? Optional.of(new ListChange.ListDeleted(list)) : Optional.empty();
                }
                boolean seen = before.isPresent() && before.get().version() == after.get().version()
                        && before.get().name().equals(after.get().name());
                yield seen ? Optional.empty() : Optional.of(new ListChange.ListUpdated(after.get()));
            }
            case "REMOVE" -> StoredListItem.list(v2(image(record, record.getDynamodb().getOldImage())))
                    .map(live -> new ListChange.ListDeleted(list));
            default -> throw unknownEvent(record);
        };
    }

    private static Optional<ListChange> membershipChange(DynamodbStreamRecord record, ListId list, PersonId person) {
        return switch (eventOf(record)) {
            case "INSERT" -> Optional.of(ListChange.MembershipChanged.joined(list, person, role(record, record.getDynamodb().getNewImage())));
            case "MODIFY" -> {
                Role before = role(record, record.getDynamodb().getOldImage());
                Role after = role(record, record.getDynamodb().getNewImage());
                yield before == after ? Optional.empty()
                        : Optional.of(new ListChange.MembershipChanged(list, person, Optional.of(before), Optional.of(after)));
            }
            case "REMOVE" -> Optional.of(ListChange.MembershipChanged.left(list, person, role(record, record.getDynamodb().getOldImage())));
            default -> throw unknownEvent(record);
        };
    }

    private static String eventOf(DynamodbStreamRecord record) {
        return record.getEventName();
    }

    private static IllegalArgumentException unknownEvent(DynamodbStreamRecord record) {
        return new IllegalArgumentException("stream record " + record.getEventID() + " has the unknown event " + record.getEventName());
    }

    private static Role role(DynamodbStreamRecord record, Map<String, AttributeValue> image) {
        return StoredListItem.role(v2(image(record, image)));
    }

    /** The list the image's item lives under. */
    private static ListId listOf(DynamodbStreamRecord record, Map<String, AttributeValue> image) {
        return StoredListItem.listOf(StoredListItem.partitionKeyOf(v2(image)))
                .orElseThrow(() -> new IllegalArgumentException("stream record " + record.getEventID()
                        + " holds an image that is under no list"));
    }

    private static Map<String, AttributeValue> image(DynamodbStreamRecord record, Map<String, AttributeValue> image) {
        if (image == null) {
            throw new IllegalArgumentException("stream record " + record.getEventID()
                    + " lacks the image it needs; the stream must show NEW_AND_OLD_IMAGES");
        }
        return image;
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> v2(Map<String, AttributeValue> image) {
        return DynamodbAttributeValueTransformer.toAttributeValueMapV2(image);
    }

    /** The image as a todo or a tombstone; an image that is neither fails. */
    private static StoredItem todo(DynamodbStreamRecord record, Map<String, AttributeValue> image) {
        StoredItem item = StoredItem.read(v2(image));
        if (item instanceof StoredItem.Unreadable unreadable) {
            throw new IllegalArgumentException("stream record " + record.getEventID()
                    + " holds an item that cannot be read as a todo: " + unreadable.problem());
        }
        return item;
    }
}
