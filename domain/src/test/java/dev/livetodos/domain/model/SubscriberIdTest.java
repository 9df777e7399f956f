package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriberIdTest {

    @Test
    void isKnownByItsValue() {
        SubscriberId id = new SubscriberId("L2x9cZ1ZoAMCJmQ=");

        assertThat(id).isEqualTo(new SubscriberId("L2x9cZ1ZoAMCJmQ="));
        assertThat(id).hasToString("L2x9cZ1ZoAMCJmQ=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void rejectsABlankValue(String blank) {
        assertThatIllegalArgumentException().isThrownBy(() -> new SubscriberId(blank));
    }

    @Test
    void rejectsNoValue() {
        assertThatNullPointerException().isThrownBy(() -> new SubscriberId(null));
    }
}
