package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Instant;

/** Todos for tests: {@code aTodo().withName("Buy milk").build()}. */
final class TodoFixtures {

    static final Instant CREATED = Instant.parse("2025-03-01T09:15:30.123Z");
    static final Instant UPDATED = Instant.parse("2025-03-02T10:00:00Z");

    private String id = "todo-1";
    private String name = "Buy milk";
    private TodoStatus status = TodoStatus.PENDING;
    private long version = 1;
    private Instant createdAt = CREATED;
    private Instant updatedAt = CREATED;

    private TodoFixtures() {
    }

    static TodoFixtures aTodo() {
        return new TodoFixtures();
    }

    TodoFixtures withId(String id) {
        this.id = id;
        return this;
    }

    TodoFixtures withName(String name) {
        this.name = name;
        return this;
    }

    TodoFixtures withStatus(TodoStatus status) {
        this.status = status;
        return this;
    }

    TodoFixtures withVersion(long version) {
        this.version = version;
        return this;
    }

    TodoFixtures createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    TodoFixtures updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    Todo build() {
        return new Todo(new TodoId(id), name, status, version, createdAt, updatedAt);
    }
}
