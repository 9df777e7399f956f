package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

final class TodoFixtures {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    private TodoId id = TodoId.random();
    private String name = "Water the plants";
    private TodoStatus status = TodoStatus.PENDING;
    private long version = 1;
    private Instant createdAt = T0;
    private Instant updatedAt = T0;

    static TodoFixtures aTodo() {
        return new TodoFixtures();
    }

    TodoFixtures withId(String value) {
        id = new TodoId(value);
        return this;
    }

    TodoFixtures withName(String value) {
        name = value;
        return this;
    }

    TodoFixtures withStatus(TodoStatus value) {
        status = value;
        return this;
    }

    TodoFixtures createdSecondsLater(long seconds) {
        createdAt = T0.plus(seconds, ChronoUnit.SECONDS);
        updatedAt = createdAt;
        return this;
    }

    Todo build() {
        return new Todo(id, name, status, version, createdAt, updatedAt);
    }
}
