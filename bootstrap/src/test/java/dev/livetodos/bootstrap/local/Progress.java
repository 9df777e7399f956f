package dev.livetodos.bootstrap.local;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Where the poller's thread says "something happened" and the test's thread waits, up to a
 * deadline, for a condition to hold: woken by each change, and looking again every few
 * milliseconds for conditions nobody signals (such as a thread's state).
 */
final class Progress {

    private static final long LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    synchronized void changed() {
        notifyAll();
    }

    /** Waits until the condition holds; fails the test with what it waited for at the deadline. */
    void await(String until, BooleanSupplier condition, Duration within) {
        if (!holdsWithin(condition, within)) {
            throw new AssertionError("not within " + within + ": " + until);
        }
    }

    /** Whether the condition holds by the deadline; for "this does not happen" checks. */
    synchronized boolean holdsWithin(BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, LOOK_AGAIN_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
        return true;
    }
}
