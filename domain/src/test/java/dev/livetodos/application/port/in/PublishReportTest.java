package dev.livetodos.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.SubscriberId;
import dev.livetodos.domain.model.Undelivered;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishReportTest {

    @Test
    void givenNothingUndelivered_thenEverySubscriberStillThereGotTheBatch() {
        PublishReport report = new PublishReport(List.of(), 3, 1);

        assertThat(report.deliveredToAll()).isTrue();
    }

    @Test
    void givenUndeliveredChanges_thenNotEverySubscriberGotTheBatch() {
        PublishReport report = new PublishReport(List.of(new Undelivered(new SubscriberId("a"), StreamPosition.of(4), 1)), 3, 0);

        assertThat(report.deliveredToAll()).isFalse();
    }

    @Test
    void givenSeveralSubscribersMissingChanges_thenTheRetryStartsAtTheEarliestAnyoneMissed() {
        PublishReport report = new PublishReport(List.of(
                new Undelivered(new SubscriberId("a"), StreamPosition.of(1_000_000_000_000_000_000L), 1),
                new Undelivered(new SubscriberId("b"), StreamPosition.of("999999999999999999"), 2)), 3, 0);

        assertThat(report.retryFrom()).contains(StreamPosition.of("999999999999999999"));
    }

    @Test
    void givenEveryoneGotEverything_thenThereIsNothingToRetryFrom() {
        assertThat(new PublishReport(List.of(), 2, 0).retryFrom()).isEmpty();
    }

    @Test
    void keepsItsOwnUnmodifiableCopyOfTheUndelivered() {
        Undelivered a = new Undelivered(new SubscriberId("a"), StreamPosition.of(1), 1);
        List<Undelivered> undelivered = new ArrayList<>(List.of(a));

        PublishReport report = new PublishReport(undelivered, 1, 0);
        undelivered.clear();

        assertThat(report.undelivered()).containsExactly(a);
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> report.undelivered().add(a));
    }
}
