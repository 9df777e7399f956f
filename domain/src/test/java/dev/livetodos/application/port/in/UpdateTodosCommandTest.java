package dev.livetodos.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Violation;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UpdateTodosCommandTest {

    private static final ListId LIST = ListId.of("groceries");
    private static final PersonId CALLER = PersonId.of("ed");


    @Test
    void rejectsAnEmptyBatch() {
        assertThatThrownBy(() -> new UpdateTodosCommand(LIST, CALLER, List.of()))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("$"));
    }

    @Test
    void rejects98Entries() {
        assertThatThrownBy(() -> new UpdateTodosCommand(LIST, CALLER, updates(98)))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("$"));
    }

    @Test
    void accepts97Entries() {
        UpdateTodosCommand command = new UpdateTodosCommand(LIST, CALLER, updates(97));

        assertThat(command.updates()).hasSize(97);
    }

    @Test
    void rejectsEveryRepeatedIdNamingTheIndexOfEachRepeat() {
        List<TodoUpdate> updates = List.of(
                rename("a"), rename("b"), rename("a"), rename("c"), rename("b"));

        assertThatThrownBy(() -> new UpdateTodosCommand(LIST, CALLER, updates))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("[2]", "[4]"));
    }

    @Test
    void keepsTheUpdatesInRequestOrder() {
        List<TodoUpdate> updates = List.of(rename("c"), rename("a"), rename("b"));

        UpdateTodosCommand command = new UpdateTodosCommand(LIST, CALLER, updates);

        assertThat(command.updates()).containsExactlyElementsOf(updates);
    }

    private static TodoUpdate rename(String id) {
        return TodoUpdate.of(id, "Renamed", null, null);
    }

    private static List<TodoUpdate> updates(int count) {
        return IntStream.range(0, count).mapToObj(i -> rename("id-" + i)).toList();
    }
}
