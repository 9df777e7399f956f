package dev.livetodos.issuer;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins: this name, or this address, waits before it may try again. */
final class SignInLockedException extends AuthenticationException {

    private final transient Duration retryAfter;

    SignInLockedException(Duration retryAfter) {
        super("too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the next try, at least one. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
