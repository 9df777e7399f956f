package dev.livetodos.issuer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins counted per key (a name, a client address) in fixed windows: once a key has
 * {@code limit} failures in a window it is locked until that window ends. A success clears the
 * key. At most {@code maxKeys} keys are remembered (the least recently failing go first), so
 * guessing many names cannot fill the memory.
 */
final class SignInAttempts {

    private final int limit;
    private final Duration window;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Failures> failures;

    SignInAttempts(int limit, Duration window, int maxKeys, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a sign-in limit needs a limit, a window and room for keys");
        }
        this.limit = limit;
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > SignInAttempts.this.maxKeys;
            }
        };
    }

    /** How long the key stays locked, or empty when it may try now. */
    synchronized Optional<Duration> lockedFor(String key) {
        Failures counted = failures.get(key);
        Instant now = clock.instant();
        if (counted == null || !now.isBefore(counted.windowEnd())) {
            return Optional.empty();
        }
        return counted.count() >= limit ? Optional.of(Duration.between(now, counted.windowEnd())) : Optional.empty();
    }

    /** Counts one failure for the key. */
    synchronized void failed(String key) {
        Instant now = clock.instant();
        Failures counted = failures.get(key);
        if (counted == null || !now.isBefore(counted.windowEnd())) {
            failures.put(key, new Failures(1, now.plus(window)));
        } else {
            failures.put(key, new Failures(counted.count() + 1, counted.windowEnd()));
        }
    }

    /** Forgets the key's failures: it signed in. */
    synchronized void succeeded(String key) {
        failures.remove(key);
    }

    private record Failures(int count, Instant windowEnd) {
    }
}
