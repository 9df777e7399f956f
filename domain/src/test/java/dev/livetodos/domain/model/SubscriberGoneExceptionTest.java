package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscriberGoneExceptionTest {

    @Test
    void namesTheSubscriberThatIsGone() {
        SubscriberId subscriber = new SubscriberId("conn-7");

        SubscriberGoneException gone = new SubscriberGoneException(subscriber);

        assertThat(gone.subscriber()).isEqualTo(subscriber);
        assertThat(gone).hasMessage("Subscriber conn-7 is gone.");
    }

    @Test
    void recordsNoStackTraceBecauseItIsExpectedInNormalUse() {
        SubscriberGoneException gone = new SubscriberGoneException(new SubscriberId("conn-7"));

        assertThat(gone.getStackTrace()).isEmpty();
    }
}
