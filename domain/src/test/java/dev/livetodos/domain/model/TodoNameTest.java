package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TodoNameTest {

    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two chars

    @Test
    void trimsSurroundingWhiteSpace() {
        assertThat(TodoName.normalize(" \t Buy milk \n")).isEqualTo("Buy milk");
    }

    @Test
    void keepsInnerWhiteSpace() {
        assertThat(TodoName.normalize("Buy  oat   milk")).isEqualTo("Buy  oat   milk");
    }

    @Test
    void acceptsOneCharacter() {
        assertThat(TodoName.normalize("x")).isEqualTo("x");
    }

    @Test
    void accepts500Characters() {
        String longest = "n".repeat(500);

        assertThat(TodoName.normalize(longest)).isEqualTo(longest);
    }

    @Test
    void rejects501Characters() {
        assertThatThrownBy(() -> TodoName.normalize("n".repeat(501)))
                .isInstanceOfSatisfying(InvalidTodoException.class, e ->
                        assertThat(e.violations()).containsExactly(new Violation("", "must be at most 500 characters")));
    }

    @Test
    void countsLengthAfterTrimming() {
        String longest = "n".repeat(500);

        assertThat(TodoName.normalize("   " + longest + "   ")).isEqualTo(longest);
    }

    @Test
    void accepts500EmojiAlthoughTheyTake1000Chars() {
        String longest = EMOJI.repeat(500);

        String name = TodoName.normalize(longest);

        assertThat(name).isEqualTo(longest);
        assertThat(name.length()).isEqualTo(1000);
    }

    @Test
    void rejects501Emoji() {
        assertThatThrownBy(() -> TodoName.normalize(EMOJI.repeat(501)))
                .isInstanceOf(InvalidTodoException.class)
                .hasMessageContaining("at most 500");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t", "\n \r\n", "\u2003", "\u00A0", "\uFEFF", " \u200B\u202F "})
    void rejectsBlankName(String blank) {
        assertThatThrownBy(() -> TodoName.normalize(blank))
                .isInstanceOfSatisfying(InvalidTodoException.class, e ->
                        assertThat(e.violations()).containsExactly(new Violation("", "must not be blank")));
    }

    @Test
    void rejectsMissingName() {
        assertThatThrownBy(() -> TodoName.normalize(null))
                .isInstanceOfSatisfying(InvalidTodoException.class, e ->
                        assertThat(e.violations()).containsExactly(new Violation("", "is required")));
    }

    @Test
    void rejectsHalfASurrogatePair() {
        assertThatThrownBy(() -> TodoName.normalize("a\uD83Db"))
                .isInstanceOfSatisfying(InvalidTodoException.class, e ->
                        assertThat(e.violations()).containsExactly(new Violation("", "must be valid Unicode text")));
    }

    @Test
    void acceptsAWholeSurrogatePair() {
        assertThat(TodoName.normalize("a\uD83D\uDE00b")).isEqualTo("a\uD83D\uDE00b");
    }
}
