package dev.livetodos.adapter.wire;

import dev.livetodos.domain.model.Todo;

/**
 * A todo on the wire, the one shape the HTTP API's bodies and the live-change frames share:
 * {@code {"id","name","status","version","createdAt","updatedAt","seq"}} in this order, status in
 * lower case, timestamps as ISO-8601 instants in UTC, {@code seq} the list's sequence number of
 * the todo's last write. A field added here appears in both at once.
 */
public record TodoJson(String id, String name, String status, long version, String createdAt, String updatedAt, long seq) {

    public static TodoJson of(Todo todo) {
        return new TodoJson(
                todo.id().value(),
                todo.name(),
                todo.status().value(),
                todo.version(),
                todo.createdAt().toString(),
                todo.updatedAt().toString(),
                todo.seq());
    }
}
