package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void givesTheParsedValueWhenItIsValid() {
        Violations violations = new Violations();

        TodoStatus status = violations.check("status", () -> TodoStatus.of("completed"));

        assertThat(status).isEqualTo(TodoStatus.COMPLETED);
        assertThatCode(violations::throwIfAny).doesNotThrowAnyException();
    }

    @Test
    void givesNullAndRemembersWhyWhenTheValueIsInvalid() {
        Violations violations = new Violations();

        TodoStatus status = violations.check("status", () -> TodoStatus.of("done"));

        assertThat(status).isNull();
        assertThatThrownBy(violations::throwIfAny)
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("status", "must be 'pending' or 'completed'")));
    }

    @Test
    void collectsEveryViolationInTheOrderFound() {
        Violations violations = new Violations();

        violations.check("id", () -> TodoId.of("not an id"));
        violations.add("version", "must be at least 1");
        violations.check("name", () -> TodoName.normalize(" "));

        assertThatThrownBy(violations::throwIfAny)
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("id", "version", "name"));
    }

    @Test
    void letsOtherFailuresThrough() {
        Violations violations = new Violations();

        assertThatThrownBy(() -> violations.check("id", () -> new TodoId(null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void describesEveryViolationInTheExceptionMessage() {
        InvalidTodoException exception = new InvalidTodoException(List.of(
                new Violation("id", "is required"),
                new Violation("", "must change the name, the status or both")));

        assertThat(exception).hasMessage("id is required; must change the name, the status or both.");
    }

    @Test
    void refusesAnInvalidRequestWithoutViolations() {
        assertThatThrownBy(() -> new InvalidTodoException(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void domainExceptionsRecordNoStackTrace() {
        TodoException exception = InvalidTodoException.of("name", "must not be blank");

        assertThat(exception.getStackTrace()).isEmpty();
        assertThat(new ConcurrentUpdateException("raced").getStackTrace()).isEmpty();
    }
}
