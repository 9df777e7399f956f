package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.Todo;

/** A todo on the wire: status in lower case, timestamps as ISO-8601 instants in UTC. */
record TodoJson(String id, String name, String status, long version, String createdAt, String updatedAt) {

    static TodoJson of(Todo todo) {
        return new TodoJson(
                todo.id().value(),
                todo.name(),
                todo.status().value(),
                todo.version(),
                todo.createdAt().toString(),
                todo.updatedAt().toString());
    }
}
