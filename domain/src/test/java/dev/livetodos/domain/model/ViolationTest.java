package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ViolationTest {

    @Test
    void givenNoFieldOfItsOwn_thenTakesTheParentsPath() {
        Violation violation = new Violation("", "must not be blank");

        assertThat(violation.under("name")).isEqualTo(new Violation("name", "must not be blank"));
    }

    @Test
    void joinsANamedFieldToItsParentWithADot() {
        Violation violation = new Violation("name", "must not be blank");

        assertThat(violation.under("changes").field()).isEqualTo("changes.name");
    }

    @Test
    void appendsAnIndexToItsParentWithoutADot() {
        Violation violation = new Violation("[3]", "repeats an id");

        assertThat(violation.under("ids").field()).isEqualTo("ids[3]");
    }

    @Test
    void buildsAPathThroughSeveralLevels() {
        Violation violation = new Violation("", "must be 'pending' or 'completed'")
                .under("status")
                .under("changes")
                .under("[2]");

        assertThat(violation.field()).isEqualTo("[2].changes.status");
        assertThat(violation.message()).isEqualTo("must be 'pending' or 'completed'");
    }

    @Test
    void staysPutUnderTheWholeRequestOrAnEmptyParent() {
        Violation violation = new Violation("[1]", "is required");

        assertThat(violation.under(Violation.WHOLE_REQUEST)).isEqualTo(violation);
        assertThat(violation.under("")).isEqualTo(violation);
    }

    @Test
    void rejectsMissingFieldOrMessage() {
        assertThatThrownBy(() -> new Violation(null, "message")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Violation("field", null)).isInstanceOf(NullPointerException.class);
    }
}
