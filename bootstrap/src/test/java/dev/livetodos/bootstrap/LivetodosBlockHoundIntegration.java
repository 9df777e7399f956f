package dev.livetodos.bootstrap;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound may let pass in our tests. blockhound-junit-platform installs BlockHound
 * before the first test, with this and the integrations Reactor and Netty ship.
 */
public class LivetodosBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // New ids come from SecureRandom, which reads /dev/urandom: a file read that never waits.
        builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
        // So do live tickets' and invites' codes (the same source, through one SecureRandom).
        builder.allowBlockingCallsInside("dev.livetodos.domain.model.Secrets", "random");
        // The SDK's request signer borrows a MessageDigest from a pool guarded by a lock held only
        // for a deque operation; under contention the borrower parks for nanoseconds, never on I/O.
        builder.allowBlockingCallsInside("software.amazon.awssdk.checksums.internal.DigestAlgorithm", "getDigest");
        builder.allowBlockingCallsInside("software.amazon.awssdk.checksums.internal.DigestAlgorithm$CloseableMessageDigest", "close");
        // Jackson builds a type's deserializer once, under a lock; requests racing for the same
        // type in the first moments wait for the first to finish building it (CPU work, no I/O).
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        // At shutdown the AWS SDK closes its connection pools on Netty's global executor, which
        // waits for each channel to close. It happens once, when the server stops, on no request path.
        builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
    }
}
