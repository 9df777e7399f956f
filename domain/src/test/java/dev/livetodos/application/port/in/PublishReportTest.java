package dev.livetodos.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        PublishReport report = new PublishReport(List.of(4, 5), 3, 0);

        assertThat(report.deliveredToAll()).isFalse();
    }

    @Test
    void keepsItsOwnUnmodifiableCopyOfTheUndeliveredPositions() {
        List<Integer> undelivered = new ArrayList<>(List.of(1, 2));

        PublishReport report = new PublishReport(undelivered, 1, 0);
        undelivered.add(3);

        assertThat(report.undelivered()).containsExactly(1, 2);
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> report.undelivered().add(9));
    }
}
