package dev.livetodos.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeleteTodosCommandTest {

    private static final ListId LIST = ListId.of("groceries");
    private static final PersonId CALLER = PersonId.of("ed");


    @Test
    void keepsTheIdsInRequestOrder() {
        DeleteTodosCommand command = DeleteTodosCommand.of(LIST, CALLER, List.of("c", "a", "b"));

        assertThat(command.ids()).containsExactly(TodoId.of("c"), TodoId.of("a"), TodoId.of("b"));
    }

    @Test
    void reportsABadIdAtItsIndex() {
        assertThatThrownBy(() -> DeleteTodosCommand.of(LIST, CALLER, List.of("a", "not an id", "c")))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("[1]", "must be 1 to 64 letters, digits, '-' or '_'")));
    }

    @Test
    void givenTooManyIds_thenTheSizeIsReportedBeforeAnyEntry() {
        List<String> ids = new ArrayList<>(IntStream.range(0, 98).mapToObj(i -> "id-" + i).toList());
        ids.set(5, "not an id");

        assertThatThrownBy(() -> DeleteTodosCommand.of(LIST, CALLER, ids))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("$", "must hold 1 to 97 entries, held 98")));
    }

    @Test
    void reportsEveryBadIdAtOnce() {
        List<String> ids = Arrays.asList("a/b", "ok", null);

        assertThatThrownBy(() -> DeleteTodosCommand.of(LIST, CALLER, ids))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(
                                new Violation("[0]", "must be 1 to 64 letters, digits, '-' or '_'"),
                                new Violation("[2]", "is required")));
    }

    @Test
    void rejectsAnEmptyBatch() {
        assertThatThrownBy(() -> DeleteTodosCommand.of(LIST, CALLER, List.of()))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation(Violation.WHOLE_REQUEST, "must hold 1 to 97 entries, held 0")));
    }

    @Test
    void rejects98Entries() {
        assertThatThrownBy(() -> DeleteTodosCommand.of(LIST, CALLER, ids(98)))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.field()).isEqualTo("$"))
                        .satisfies(v -> assertThat(v.message()).contains("held 98")));
    }

    @Test
    void accepts97Entries() {
        DeleteTodosCommand command = DeleteTodosCommand.of(LIST, CALLER, ids(97));

        assertThat(command.ids()).hasSize(97);
    }

    @Test
    void rejectsARepeatedIdNamingTheIndexOfTheRepeat() {
        assertThatThrownBy(() -> DeleteTodosCommand.of(LIST, CALLER, List.of("a", "b", "a")))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.field()).isEqualTo("[2]"))
                        .satisfies(v -> assertThat(v.message()).contains("a")));
    }

    @Test
    void cannotBeChangedAfterwards() {
        List<TodoId> ids = new ArrayList<>(List.of(TodoId.of("a")));
        DeleteTodosCommand command = new DeleteTodosCommand(LIST, CALLER, ids);

        ids.add(TodoId.of("b"));

        assertThat(command.ids()).containsExactly(TodoId.of("a"));
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "id-" + i).toList();
    }
}
