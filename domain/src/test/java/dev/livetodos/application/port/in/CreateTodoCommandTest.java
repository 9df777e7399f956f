package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.ListId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import dev.livetodos.domain.model.Violation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateTodoCommandTest {

    private static final ListId LIST = ListId.of("groceries");
    private static final PersonId CALLER = PersonId.of("ed");


    @Test
    void takesTheClientsIdNameAndStatus() {
        CreateTodoCommand command = CreateTodoCommand.of(LIST, CALLER, "t1", "  Buy milk ", "completed");

        assertThat(command.id()).contains(TodoId.of("t1"));
        assertThat(command.name()).isEqualTo("Buy milk");
        assertThat(command.status()).isEqualTo(TodoStatus.COMPLETED);
    }

    @Test
    void givenNoId_thenLeavesItToTheService() {
        CreateTodoCommand command = CreateTodoCommand.of(LIST, CALLER, null, "Buy milk", null);

        assertThat(command.id()).isEmpty();
    }

    @Test
    void givenNoStatus_thenIsPending() {
        CreateTodoCommand command = CreateTodoCommand.of(LIST, CALLER, "t1", "Buy milk", null);

        assertThat(command.status()).isEqualTo(TodoStatus.PENDING);
    }

    @Test
    void reportsBadIdBlankNameAndBadStatusAtOnce() {
        assertThatThrownBy(() -> CreateTodoCommand.of(LIST, CALLER, "not/an id", "   ", "done"))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(
                                new Violation("id", "must be 1 to 64 letters, digits, '-' or '_'"),
                                new Violation("name", "must not be blank"),
                                new Violation("status", "must be 'pending' or 'completed'")));
    }

    @Test
    void reportsMissingName() {
        assertThatThrownBy(() -> CreateTodoCommand.of(LIST, CALLER, "t1", null, null))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("name", "is required")));
    }

    @Test
    void reportsEmptyIdAsBadRatherThanAbsent() {
        assertThatThrownBy(() -> CreateTodoCommand.of(LIST, CALLER, "", "Buy milk", null))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("id"));
    }

    @Test
    void rejectsBlankNameWhenBuiltDirectly() {
        assertThatThrownBy(() -> new CreateTodoCommand(LIST, CALLER, Optional.empty(), " ", TodoStatus.PENDING))
                .isInstanceOf(InvalidTodoException.class);
    }
}
