package dev.livetodos.domain.model;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TodoTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2024-05-01T11:30:00Z");

    @Test
    void startsAtVersionOneCreatedAndUpdatedNow() {
        Todo todo = Todo.create(TodoId.of("t1"), "Buy milk", TodoStatus.PENDING, NOW);

        assertThat(todo.version()).isEqualTo(1);
        assertThat(todo.createdAt()).isEqualTo(NOW);
        assertThat(todo.updatedAt()).isEqualTo(todo.createdAt());
    }

    @Test
    void trimsItsName() {
        Todo todo = Todo.create(TodoId.of("t1"), "  Buy milk  ", TodoStatus.PENDING, NOW);

        assertThat(todo.name()).isEqualTo("Buy milk");
    }

    @Test
    void rejectsBlankName() {
        assertThatThrownBy(() -> Todo.create(TodoId.of("t1"), " ", TodoStatus.PENDING, NOW))
                .isInstanceOf(InvalidTodoException.class);
    }

    @Test
    void rejectsVersionBelowOne() {
        assertThatThrownBy(() -> aTodo().withVersion(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void applyingChangesMovesOneVersionOnAndKeepsCreatedAt() {
        Todo todo = aTodo().withVersion(4).createdAt(NOW).build();

        Todo changed = todo.apply(new TodoChanges(Optional.of("Buy bread"), Optional.empty()), LATER);

        assertThat(changed.version()).isEqualTo(5);
        assertThat(changed.createdAt()).isEqualTo(NOW);
        assertThat(changed.updatedAt()).isEqualTo(LATER);
        assertThat(changed.id()).isEqualTo(todo.id());
    }

    @Test
    void changingTheNameKeepsTheStatus() {
        Todo todo = aTodo().withName("Buy milk").withStatus(TodoStatus.COMPLETED).build();

        Todo changed = todo.apply(TodoChanges.of("Buy bread", null), LATER);

        assertThat(changed.name()).isEqualTo("Buy bread");
        assertThat(changed.status()).isEqualTo(TodoStatus.COMPLETED);
    }

    @Test
    void changingTheStatusKeepsTheName() {
        Todo todo = aTodo().withName("Buy milk").withStatus(TodoStatus.PENDING).build();

        Todo changed = todo.apply(TodoChanges.of(null, "completed"), LATER);

        assertThat(changed.name()).isEqualTo("Buy milk");
        assertThat(changed.status()).isEqualTo(TodoStatus.COMPLETED);
    }

    @Test
    void hasTheSameContentRegardlessOfVersionAndTimes() {
        Todo first = aTodo().withVersion(1).createdAt(NOW).build();
        Todo later = aTodo().withVersion(7).createdAt(LATER).build();

        assertThat(first.hasSameContentAs(later)).isTrue();
    }

    @Test
    void hasOtherContentWhenNameStatusOrIdDiffer() {
        Todo todo = aTodo().withId("t1").withName("Buy milk").withStatus(TodoStatus.PENDING).build();

        assertThat(todo.hasSameContentAs(aTodo().withId("t1").withName("Buy bread").build())).isFalse();
        assertThat(todo.hasSameContentAs(aTodo().withId("t1").withStatus(TodoStatus.COMPLETED).build())).isFalse();
        assertThat(todo.hasSameContentAs(aTodo().withId("t2").build())).isFalse();
    }

    @Test
    void listsOldestFirst() {
        Todo newest = aTodo().withId("a").createdAt(LATER).build();
        Todo oldest = aTodo().withId("z").createdAt(NOW.minusSeconds(60)).build();
        Todo middle = aTodo().withId("m").createdAt(NOW).build();
        List<Todo> todos = new ArrayList<>(List.of(newest, oldest, middle));

        todos.sort(Todo.OLDEST_FIRST);

        assertThat(todos).containsExactly(oldest, middle, newest);
    }

    @Test
    void givenTheSameCreationTime_thenListsByIdAscending() {
        Todo b = aTodo().withId("b").createdAt(NOW).build();
        Todo c = aTodo().withId("c").createdAt(NOW).build();
        Todo a = aTodo().withId("a").createdAt(NOW).build();
        List<Todo> todos = new ArrayList<>(List.of(b, c, a));

        todos.sort(Todo.OLDEST_FIRST);

        assertThat(todos).containsExactly(a, b, c);
    }
}
