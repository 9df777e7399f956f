package dev.livetodos.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import dev.livetodos.domain.model.Violation;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TodoUpdateTest {

    @Test
    void takesIdChangesAndExpectedVersion() {
        TodoUpdate update = TodoUpdate.of("t1", " Buy bread ", "completed", 3L);

        assertThat(update.id()).isEqualTo(TodoId.of("t1"));
        assertThat(update.changes().name()).contains("Buy bread");
        assertThat(update.changes().status()).contains(TodoStatus.COMPLETED);
        assertThat(update.expectedVersion()).hasValue(3);
    }

    @Test
    void givenNoVersion_thenExpectsNone() {
        TodoUpdate update = TodoUpdate.of("t1", null, "pending", null);

        assertThat(update.expectedVersion()).isEmpty();
    }

    @Test
    void reportsABadNameUnderChanges() {
        assertThatThrownBy(() -> TodoUpdate.of("t1", "  ", null, null))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("changes.name", "must not be blank")));
    }

    @Test
    void reportsABadStatusUnderChanges() {
        assertThatThrownBy(() -> TodoUpdate.of("t1", null, "done", null))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("changes.status"));
    }

    @Test
    void reportsChangingNothingAtChanges() {
        assertThatThrownBy(() -> TodoUpdate.of("t1", null, null, null))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("changes", "must change the name, the status or both")));
    }

    @Test
    void reportsAVersionBelowOne() {
        assertThatThrownBy(() -> TodoUpdate.of("t1", "Buy bread", null, 0L))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("version", "must be at least 1")));
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        assertThatThrownBy(() -> TodoUpdate.of(null, " ", "done", -1L))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("id", "changes.name", "changes.status", "version"));
    }

    @Test
    void rejectsAVersionBelowOneWhenBuiltDirectly() {
        TodoChanges changes = TodoChanges.of("Buy bread", null);

        assertThatThrownBy(() -> new TodoUpdate(TodoId.of("t1"), changes, OptionalLong.of(0)))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("version"));
    }
}
