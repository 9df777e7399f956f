package dev.livetodos.adapter.out.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A todo as the table holds it. Keys are generic so more kinds of item and a later split per
 * user fit the same table: {@code pk = TODOS#<list>}, {@code sk = TODO#<id>}.
 */
record TodoItem(String pk, String sk, String id, String name, String status, long version,
                Instant createdAt, Instant updatedAt) {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String VERSION = "version";

    private static final String PARTITION_PREFIX = "TODOS#";
    private static final String SORT_PREFIX = "TODO#";

    static final TableSchema<TodoItem> SCHEMA =
            StaticImmutableTableSchema.builder(TodoItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(PK).getter(TodoItem::pk).setter(Builder::pk)
                            .tags(primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(SK).getter(TodoItem::sk).setter(Builder::sk)
                            .tags(primarySortKey()))
                    .addAttribute(String.class, a -> a.name("id").getter(TodoItem::id).setter(Builder::id))
                    .addAttribute(String.class, a -> a.name("name").getter(TodoItem::name).setter(Builder::name))
                    .addAttribute(String.class, a -> a.name("status").getter(TodoItem::status).setter(Builder::status))
                    .addAttribute(Long.class, a -> a.name(VERSION).getter(TodoItem::version).setter(Builder::version))
                    .addAttribute(Instant.class, a -> a.name("createdAt").getter(TodoItem::createdAt).setter(Builder::createdAt))
                    .addAttribute(Instant.class, a -> a.name("updatedAt").getter(TodoItem::updatedAt).setter(Builder::updatedAt))
                    .build();

    static String partitionKey(String list) {
        return PARTITION_PREFIX + list;
    }

    static Key key(String list, TodoId id) {
        return Key.builder().partitionValue(partitionKey(list)).sortValue(SORT_PREFIX + id.value()).build();
    }

    static TodoItem from(String list, Todo todo) {
        return new TodoItem(partitionKey(list), SORT_PREFIX + todo.id().value(), todo.id().value(), todo.name(),
                todo.status().value(), todo.version(), todo.createdAt(), todo.updatedAt());
    }

    Todo toTodo() {
        return new Todo(new TodoId(id), name, TodoStatus.of(status), version, createdAt, updatedAt);
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

        TodoItem build() {
            return new TodoItem(pk, sk, id, name, status, version, createdAt, updatedAt);
        }
    }
}
