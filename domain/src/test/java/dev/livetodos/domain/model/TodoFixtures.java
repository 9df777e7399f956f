package dev.livetodos.domain.model;

import java.time.Instant;

/** Todos for tests: sensible defaults, and only what a test cares about spelled out. */
public final class TodoFixtures {

    public static final Instant EARLIER = Instant.parse("2024-05-01T08:00:00Z");

    private TodoId id = TodoId.of("todo-1");
    private String name = "Buy milk";
    private TodoStatus status = TodoStatus.PENDING;
    private long version = 1;
    private Instant createdAt = EARLIER;
    private Instant updatedAt;

    private TodoFixtures() {
    }

    public static TodoFixtures aTodo() {
        return new TodoFixtures();
    }

    public TodoFixtures withId(String id) {
        this.id = TodoId.of(id);
        return this;
    }

    public TodoFixtures withName(String name) {
        this.name = name;
        return this;
    }

    public TodoFixtures withStatus(TodoStatus status) {
        this.status = status;
        return this;
    }

    public TodoFixtures withVersion(long version) {
        this.version = version;
        return this;
    }

    public TodoFixtures createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    /** Created (and last updated) this many seconds after {@link #EARLIER}, to order todos by creation. */
    public TodoFixtures createdSecondsLater(long seconds) {
        this.createdAt = EARLIER.plusSeconds(seconds);
        this.updatedAt = null;
        return this;
    }

    public TodoFixtures updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    public Todo build() {
        return new Todo(id, name, status, version, createdAt, updatedAt == null ? createdAt : updatedAt);
    }
}
