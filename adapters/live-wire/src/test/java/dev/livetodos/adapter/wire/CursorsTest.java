package dev.livetodos.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.ChangeCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {

    @Test
    void aCursorReadsBackAsItWasWritten() {
        ChangeCursor cursor = new ChangeCursor(42, Instant.parse("2024-05-01T10:00:00Z"));

        String text = Cursors.encode(cursor);

        assertThat(Cursors.decode(text)).contains(cursor);
        assertThat(text).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theWidestCursorFitsItsMaximumLength() {
        String text = Cursors.encode(new ChangeCursor(Long.MAX_VALUE, Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000_000L)));

        assertThat(text.length()).isLessThanOrEqualTo(Cursors.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor", "%%%", "Mi40Mi4xNzE0NTU3NjAw", "MS4tMS4x", "MS4wMS4x"})
    void givenTextThisServerDidNotWrite_thenItIsNoCursor(String text) {
        assertThat(Cursors.decode(text)).isEmpty();
    }

    @Test
    void givenAnOverlongText_thenItIsNoCursor() {
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(("1.1." + "9".repeat(40)).getBytes(StandardCharsets.US_ASCII));

        assertThat(Cursors.decode(text)).isEmpty();
        assertThat(Cursors.decode(null)).isEmpty();
    }
}
