package dev.livetodos.bootstrap;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The HTTP tests' proof of non-blocking code is only as good as BlockHound being on. */
class NonBlockingTest {

    @Test
    void blockingOnANonBlockingThreadIsCaught() {
        NonBlocking.enforce();

        Mono<Object> parksAThread = Mono.fromRunnable(() -> LockSupport.parkNanos(1_000_000))
                .subscribeOn(Schedulers.parallel());

        StepVerifier.create(parksAThread).expectError(BlockingOperationError.class).verify();
    }
}
