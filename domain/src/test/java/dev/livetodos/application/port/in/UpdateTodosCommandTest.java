package dev.livetodos.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.Violation;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UpdateTodosCommandTest {

    @Test
    void rejectsAnEmptyBatch() {
        assertThatThrownBy(() -> new UpdateTodosCommand(List.of()))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("$"));
    }

    @Test
    void rejects101Entries() {
        assertThatThrownBy(() -> new UpdateTodosCommand(updates(101)))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("$"));
    }

    @Test
    void accepts100Entries() {
        UpdateTodosCommand command = new UpdateTodosCommand(updates(100));

        assertThat(command.updates()).hasSize(100);
    }

    @Test
    void rejectsEveryRepeatedIdNamingTheIndexOfEachRepeat() {
        List<TodoUpdate> updates = List.of(
                rename("a"), rename("b"), rename("a"), rename("c"), rename("b"));

        assertThatThrownBy(() -> new UpdateTodosCommand(updates))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("[2]", "[4]"));
    }

    @Test
    void keepsTheUpdatesInRequestOrder() {
        List<TodoUpdate> updates = List.of(rename("c"), rename("a"), rename("b"));

        UpdateTodosCommand command = new UpdateTodosCommand(updates);

        assertThat(command.updates()).containsExactlyElementsOf(updates);
    }

    private static TodoUpdate rename(String id) {
        return TodoUpdate.of(id, "Renamed", null, null);
    }

    private static List<TodoUpdate> updates(int count) {
        return IntStream.range(0, count).mapToObj(i -> rename("id-" + i)).toList();
    }
}
