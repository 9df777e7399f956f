package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamPositionTest {

    @Test
    void comparesAsNumbersNotAsText() {
        assertThat(StreamPosition.of("9").compareTo(StreamPosition.of("10"))).isNegative();
        assertThat(StreamPosition.of("100000000000000000000000000000000000000001")
                .isAfter(StreamPosition.of("99999999999999999999999999999999999999999"))).isTrue();
    }

    @Test
    void theNextPositionIsAfterItAndBeforeAnyLaterOne() {
        StreamPosition position = StreamPosition.of("400000000000000000001");

        assertThat(position.next().isAfter(position)).isTrue();
        assertThat(position.next()).isEqualTo(StreamPosition.of("400000000000000000002"));
    }

    @Test
    void keepsItsDecimalText() {
        assertThat(StreamPosition.of("000123")).hasToString("123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1e5", "12a", " 1", "+1"})
    void rejectsWhatIsNotADecimalNumber(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> StreamPosition.of(text));
    }

    @Test
    void aSubscriberIsPendingOnceInARedelivery() {
        Undelivered once = new Undelivered(new SubscriberId("c"), StreamPosition.of(1), 1);

        assertThatIllegalArgumentException().isThrownBy(() -> new Redelivery(StreamPosition.of(3), java.util.List.of(once, once)));
    }
}
