package dev.livetodos.bootstrap;

import reactor.blockhound.BlockHound;

/**
 * BlockHound for the HTTP tests: any blocking call on an event-loop or parallel thread while a
 * request is served fails that request, so a test passing proves the path did not block.
 */
final class NonBlocking {

    private static boolean installed;

    private NonBlocking() {
    }

    static synchronized void enforce() {
        if (!installed) {
            BlockHound.builder()
                    // New ids come from SecureRandom, which reads /dev/urandom: a file read that never waits.
                    .allowBlockingCallsInside("java.util.UUID", "randomUUID")
                    .install();
            installed = true;
        }
    }
}
