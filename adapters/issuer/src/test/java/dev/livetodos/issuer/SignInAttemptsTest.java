package dev.livetodos.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInAttemptsTest {

    private final MovableClock clock = new MovableClock();
    private final SignInAttempts attempts = new SignInAttempts(3, Duration.ofMinutes(10), 2, clock);

    @Test
    void givenFewerFailuresThanTheLimit_thenTheKeyMayTry() {
        attempts.failed("ada");
        attempts.failed("ada");

        assertThat(attempts.lockedFor("ada")).isEmpty();
    }

    @Test
    void givenTheLimitOfFailures_thenTheKeyIsLockedUntilItsWindowEnds() {
        attempts.failed("ada");
        clock.move(Duration.ofMinutes(4));
        attempts.failed("ada");
        attempts.failed("ada");

        assertThat(attempts.lockedFor("ada")).contains(Duration.ofMinutes(6));
        clock.move(Duration.ofMinutes(6));
        assertThat(attempts.lockedFor("ada")).isEmpty();
    }

    @Test
    void givenAFailureAfterTheWindow_thenCountingStartsAgain() {
        attempts.failed("ada");
        attempts.failed("ada");
        clock.move(Duration.ofMinutes(10));

        attempts.failed("ada");
        attempts.failed("ada");

        assertThat(attempts.lockedFor("ada")).isEmpty();
    }

    @Test
    void givenASuccess_thenTheKeysFailuresAreForgotten() {
        attempts.failed("ada");
        attempts.failed("ada");

        attempts.succeeded("ada");
        attempts.failed("ada");
        attempts.failed("ada");

        assertThat(attempts.lockedFor("ada")).isEmpty();
    }

    @Test
    void keysAreCountedApart() {
        for (int i = 0; i < 3; i++) {
            attempts.failed("ada");
        }

        assertThat(attempts.lockedFor("ada")).isPresent();
        assertThat(attempts.lockedFor("grace")).isEmpty();
    }

    @Test
    void givenMoreKeysThanItHasRoomFor_thenTheLeastRecentlyFailingIsForgotten() {
        for (int i = 0; i < 3; i++) {
            attempts.failed("ada");
        }
        attempts.failed("grace");

        attempts.failed("linus");

        assertThat(attempts.lockedFor("ada")).isEmpty();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
