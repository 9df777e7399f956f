package dev.livetodos.adapter.out.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A todo as the table holds it, under its list beside the list's own items (see
 * {@link ListItems}): {@code pk = LIST#<listId>}, {@code sk = TODO#<id>}. Version 1 kept its one
 * list's todos under {@code pk = TODOS#default}; {@link #LEGACY_PARTITION} is read only to move
 * them into a list.
 *
 * <p>A deleted todo stays as a tombstone under the same key: {@code id}, {@code deleted = true},
 * the {@code version} its delete wrote (the todo's last version plus one) and {@code expiresAt},
 * the epoch second after which DynamoDB's time to live removes it. Its name, status and
 * timestamps are gone. A live todo has neither {@code deleted} nor {@code expiresAt}.
 */
record TodoItem(String pk, String sk, String id, String name, String status, long version,
                Instant createdAt, Instant updatedAt, Boolean deleted, Long expiresAt, Long seq) {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String ID = "id";
    static final String NAME = "name";
    static final String STATUS = "status";
    static final String VERSION = "version";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String DELETED = "deleted";
    /** The table's time-to-live attribute: epoch seconds. */
    static final String EXPIRES_AT = "expiresAt";
    /**
     * The list's sequence number of the item's last write; the sort key of the change feed's
     * index {@code GSI2} (with {@code pk}). Missing on todos written before the change feed.
     */
    static final String SEQ = "seq";
    /**
     * The W3C trace context ({@code 00-<trace id>-<span id>-<flags>}) of the write that left the
     * item as it is, so the stream record of that write continues its trace; absent where the
     * write had none. Never read back as part of a todo.
     */
    static final String TRACEPARENT = "traceparent";

    private static final String PARTITION_PREFIX = ListItems.LIST_PREFIX;
    static final String SORT_PREFIX = "TODO#";
    /** Where version 1 kept every todo. */
    static final String LEGACY_PARTITION = "TODOS#default";

    static final TableSchema<TodoItem> SCHEMA =
            StaticImmutableTableSchema.builder(TodoItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(PK).getter(TodoItem::pk).setter(Builder::pk)
                            .tags(primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(SK).getter(TodoItem::sk).setter(Builder::sk)
                            .tags(primarySortKey()))
                    .addAttribute(String.class, a -> a.name(ID).getter(TodoItem::id).setter(Builder::id))
                    .addAttribute(String.class, a -> a.name(NAME).getter(TodoItem::name).setter(Builder::name))
                    .addAttribute(String.class, a -> a.name(STATUS).getter(TodoItem::status).setter(Builder::status))
                    .addAttribute(Long.class, a -> a.name(VERSION).getter(TodoItem::version).setter(Builder::version))
                    .addAttribute(Instant.class, a -> a.name(CREATED_AT).getter(TodoItem::createdAt).setter(Builder::createdAt))
                    .addAttribute(Instant.class, a -> a.name(UPDATED_AT).getter(TodoItem::updatedAt).setter(Builder::updatedAt))
                    .addAttribute(Boolean.class, a -> a.name(DELETED).getter(TodoItem::deleted).setter(Builder::deleted))
                    .addAttribute(Long.class, a -> a.name(EXPIRES_AT).getter(TodoItem::expiresAt).setter(Builder::expiresAt))
                    .addAttribute(Long.class, a -> a.name(SEQ).getter(TodoItem::seq).setter(Builder::seq))
                    .build();

    static String partitionKey(ListId list) {
        return PARTITION_PREFIX + list.value();
    }

    /** The todo's key as the low-level client takes it. */
    static Map<String, AttributeValue> keyMap(ListId list, TodoId id) {
        return Map.of(PK, AttributeValue.fromS(partitionKey(list)), SK, AttributeValue.fromS(SORT_PREFIX + id.value()));
    }

    /** The item that holds the todo in the list, as the low-level client writes it. */
    static Map<String, AttributeValue> itemOf(ListId list, Todo todo) {
        return SCHEMA.itemToMap(from(list, todo), true);
    }

    static TodoItem from(ListId list, Todo todo) {
        return new TodoItem(partitionKey(list), SORT_PREFIX + todo.id().value(), todo.id().value(), todo.name(),
                todo.status().value(), todo.version(), todo.createdAt(), todo.updatedAt(), null, null,
                todo.seq() == 0 ? null : todo.seq());
    }

    /**
     * A todo action with the write's trace context on its item: a put's item gains
     * {@link #TRACEPARENT} (or is written without it), a tombstone update sets it (or removes it,
     * so a stale one from an earlier write never names this write's trace).
     */
    static TransactWriteItem traced(TransactWriteItem action, Optional<String> traceparent) {
        if (action.put() != null) {
            Map<String, AttributeValue> item = new HashMap<>(action.put().item());
            traceparent.ifPresentOrElse(value -> item.put(TRACEPARENT, AttributeValue.fromS(value)), () -> item.remove(TRACEPARENT));
            return action.toBuilder().put(action.put().toBuilder().item(item).build()).build();
        }
        Update update = action.update();
        if (update == null || !update.updateExpression().contains(REMOVE_CLAUSE)) {
            throw new IllegalArgumentException("a todo action is a put or a tombstone update (SET … REMOVE …), was " + action);
        }
        String[] clauses = update.updateExpression().split(REMOVE_CLAUSE, 2);
        Map<String, String> names = new HashMap<>(update.expressionAttributeNames());
        names.put("#traceparent", TRACEPARENT);
        Update.Builder traced = update.toBuilder().expressionAttributeNames(names);
        if (traceparent.isPresent()) {
            Map<String, AttributeValue> values = new HashMap<>(update.expressionAttributeValues());
            values.put(":traceparent", AttributeValue.fromS(traceparent.get()));
            traced.expressionAttributeValues(values)
                    .updateExpression(clauses[0] + ", #traceparent = :traceparent" + REMOVE_CLAUSE + clauses[1]);
        } else {
            traced.updateExpression(clauses[0] + REMOVE_CLAUSE + clauses[1] + ", #traceparent");
        }
        return action.toBuilder().update(traced.build()).build();
    }

    private static final String REMOVE_CLAUSE = " REMOVE ";

    boolean isTombstone() {
        return Boolean.TRUE.equals(deleted);
    }

    Todo toTodo() {
        return new Todo(new TodoId(id), name, TodoStatus.of(status), version, createdAt, updatedAt, seq == null ? 0 : seq);
    }

    /** The mutable half the enhanced client fills while it reads an item. */
    static final class Builder {
        private String pk;
        private String sk;
        private String id;
        private String name;
        private String status;
        private long version;
        private Instant createdAt;
        private Instant updatedAt;
        private Boolean deleted;
        private Long expiresAt;
        private Long seq;

        void pk(String value) {
            pk = value;
        }

        void sk(String value) {
            sk = value;
        }

        void id(String value) {
            id = value;
        }

        void name(String value) {
            name = value;
        }

        void status(String value) {
            status = value;
        }

        void version(Long value) {
            version = value == null ? 0 : value;
        }

        void createdAt(Instant value) {
            createdAt = value;
        }

        void updatedAt(Instant value) {
            updatedAt = value;
        }

        void deleted(Boolean value) {
            deleted = value;
        }

        void expiresAt(Long value) {
            expiresAt = value;
        }

        void seq(Long value) {
            seq = value;
        }

        TodoItem build() {
            return new TodoItem(pk, sk, id, name, status, version, createdAt, updatedAt, deleted, expiresAt, seq);
        }
    }
}
