package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TodoChangesTest {

    @Test
    void rejectsChangingNothing() {
        assertThatThrownBy(() -> new TodoChanges(Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(InvalidTodoException.class, e ->
                        assertThat(e.violations()).containsExactly(
                                new Violation("", "must change the name, the status or both")));
    }

    @Test
    void rejectsChangingNothingFromRawValues() {
        assertThatThrownBy(() -> TodoChanges.of(null, null))
                .isInstanceOf(InvalidTodoException.class)
                .hasMessage("must change the name, the status or both.");
    }

    @Test
    void changesTheNameAlone() {
        TodoChanges changes = TodoChanges.of("  Buy bread ", null);

        assertThat(changes.name()).contains("Buy bread");
        assertThat(changes.status()).isEmpty();
    }

    @Test
    void changesTheStatusAlone() {
        TodoChanges changes = TodoChanges.of(null, "completed");

        assertThat(changes.name()).isEmpty();
        assertThat(changes.status()).contains(TodoStatus.COMPLETED);
    }

    @Test
    void trimsTheNameAlsoWhenBuiltDirectly() {
        TodoChanges changes = new TodoChanges(Optional.of(" Buy bread "), Optional.empty());

        assertThat(changes.name()).contains("Buy bread");
    }

    @Test
    void reportsBadNameAndBadStatusTogether() {
        assertThatThrownBy(() -> TodoChanges.of("   ", "done"))
                .isInstanceOfSatisfying(InvalidTodoException.class, e ->
                        assertThat(e.violations()).extracting(Violation::field).containsExactly("name", "status"));
    }
}
