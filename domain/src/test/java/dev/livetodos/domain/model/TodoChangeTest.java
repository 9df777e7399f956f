package dev.livetodos.domain.model;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TodoChangeTest {

    @Test
    void aDeleteCarriesTheVersionAfterTheLastWrite() {
        Todo last = aTodo().withId("t1").withVersion(3).build();

        TodoChange.Deleted deleted = TodoChange.Deleted.of(last);

        assertThat(deleted.id()).isEqualTo(TodoId.of("t1"));
        assertThat(deleted.version()).isEqualTo(4);
    }

    @Test
    void aDeleteOfAFreshTodoIsVersionTwo() {
        assertThat(TodoChange.Deleted.of(aTodo().withVersion(1).build()).version()).isEqualTo(2);
    }

    @Test
    void rejectsADeleteThatFollowsNoWrite() {
        assertThatThrownBy(() -> new TodoChange.Deleted(TodoId.of("t1"), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUpsertIsKnownByItsTodosIdAndVersion() {
        Todo todo = aTodo().withId("t9").withVersion(6).build();

        TodoChange change = new TodoChange.Upserted(todo);

        assertThat(change.id()).isEqualTo(TodoId.of("t9"));
        assertThat(change.version()).isEqualTo(6);
    }
}
