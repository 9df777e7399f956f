package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import dev.livetodos.testsupport.MovableClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The verified tokens: a signature is checked once per token, expiry on every use. */
class VerifiedTokensTest {

    private static final Instant ISSUED = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final MovableClock clock = new MovableClock(ISSUED);
    private final AtomicInteger checks = new AtomicInteger();
    private final JwtTimestampValidator timestamps = timestamps();

    /** The decoder behind: counts its checks; accepts "good" (expiring after 5 minutes), refuses anything else. */
    private final ReactiveJwtDecoder signatureCheck = token -> {
        checks.incrementAndGet();
        return "good".equals(token) ? Mono.just(jwt(token, ISSUED.plus(Duration.ofMinutes(5))))
                : Mono.error(new BadJwtException("bad signature"));
    };

    private final VerifiedTokens tokens = new VerifiedTokens(signatureCheck, timestamps);

    @Test
    void aTokenCheckedOnce_isNotCheckedAgain() {
        StepVerifier.create(tokens.decode("good")).assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("alice")).verifyComplete();
        StepVerifier.create(tokens.decode("good")).assertNext(jwt -> assertThat(jwt.getTokenValue()).isEqualTo("good")).verifyComplete();

        assertThat(checks).hasValue(1);
    }

    @Test
    void aRememberedToken_isRefusedOnceItExpires_asWithoutTheMemory() {
        StepVerifier.create(tokens.decode("good")).expectNextCount(1).verifyComplete();

        clock.advance(Duration.ofMinutes(5).plus(SKEW).plusSeconds(1));

        StepVerifier.create(tokens.decode("good")).expectError(JwtValidationException.class).verify();
        // Forgotten: the next use is checked from the start again (and the decoder decides).
        StepVerifier.create(tokens.decode("good")).expectNextCount(1).verifyComplete();
        assertThat(checks).hasValue(2);
    }

    @Test
    void aRefusedToken_isNotRemembered() {
        StepVerifier.create(tokens.decode("forged")).expectError(BadJwtException.class).verify();
        StepVerifier.create(tokens.decode("forged")).expectError(BadJwtException.class).verify();

        assertThat(checks).hasValue(2);
    }

    @Test
    void aTokenIsRememberedExactlyAsSent() {
        StepVerifier.create(tokens.decode("good")).expectNextCount(1).verifyComplete();

        StepVerifier.create(tokens.decode("good ")).expectError(BadJwtException.class).verify();
        StepVerifier.create(tokens.decode("GOOD")).expectError(BadJwtException.class).verify();
        assertThat(checks).hasValue(3);
    }

    private JwtTimestampValidator timestamps() {
        JwtTimestampValidator validator = new JwtTimestampValidator(SKEW);
        validator.setClock(clock);
        return validator;
    }

    private static Jwt jwt(String token, Instant expires) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice").issuedAt(ISSUED).expiresAt(expires).build();
    }
}
