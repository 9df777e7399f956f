package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TodoStatusTest {

    @Test
    void parsesTheLowerCaseNames() {
        assertThat(TodoStatus.of("pending")).isEqualTo(TodoStatus.PENDING);
        assertThat(TodoStatus.of("completed")).isEqualTo(TodoStatus.COMPLETED);
    }

    @Test
    void writesTheLowerCaseNames() {
        assertThat(TodoStatus.PENDING.value()).isEqualTo("pending");
        assertThat(TodoStatus.COMPLETED.value()).isEqualTo("completed");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "PENDING", "Completed", "done", " pending", "COMPLETED"})
    void rejectsAnythingElse(String raw) {
        assertThatThrownBy(() -> TodoStatus.of(raw))
                .isInstanceOfSatisfying(InvalidTodoException.class, e ->
                        assertThat(e.violations()).containsExactly(new Violation("", "must be 'pending' or 'completed'")));
    }
}
