package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TodoIdTest {

    @Test
    void acceptsLettersDigitsDashesAndUnderscores() {
        TodoId id = TodoId.of("aZ09_-x");

        assertThat(id.value()).isEqualTo("aZ09_-x");
        assertThat(id).hasToString("aZ09_-x");
    }

    @Test
    void acceptsUuids() {
        assertThat(TodoId.of("3f2b8c1e-6a4d-4e2f-9b7a-0c1d2e3f4a5b").value()).hasSize(36);
    }

    @Test
    void accepts64Characters() {
        String longest = "a".repeat(64);

        assertThat(TodoId.of(longest).value()).isEqualTo(longest);
    }

    @Test
    void rejects65Characters() {
        assertThatThrownBy(() -> TodoId.of("a".repeat(65)))
                .isInstanceOf(InvalidTodoException.class)
                .hasMessageContaining("1 to 64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a/b", "../etc", "a.b", "ä", "id\n", " id", "id#1"})
    void rejectsValuesOutsideThePattern(String raw) {
        assertThatThrownBy(() -> TodoId.of(raw))
                .isInstanceOfSatisfying(InvalidTodoException.class, e ->
                        assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEmpty();
                            assertThat(v.message()).isEqualTo("must be 1 to 64 letters, digits, '-' or '_'");
                        }));
    }

    @Test
    void rejectsMissingId() {
        assertThatThrownBy(() -> TodoId.of(null))
                .isInstanceOfSatisfying(InvalidTodoException.class, e ->
                        assertThat(e.violations()).containsExactly(new Violation("", "is required")));
    }

    @Test
    void givesDistinctRandomIdsThatFitThePattern() {
        TodoId first = TodoId.random();
        TodoId second = TodoId.random();

        assertThat(first).isNotEqualTo(second);
        assertThat(TodoId.of(first.value())).isEqualTo(first);
    }

    @Test
    void ordersByValue() {
        assertThat(TodoId.of("a")).isLessThan(TodoId.of("b"));
        assertThat(TodoId.of("b")).isGreaterThan(TodoId.of("B"));
        assertThat(TodoId.of("x").compareTo(TodoId.of("x"))).isZero();
    }
}
