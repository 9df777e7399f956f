package dev.livetodos.bootstrap;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The HTTP tests' proof of non-blocking code is only as good as BlockHound being on in them. */
class NonBlockingTest {

    @TempDir
    Path dir;

    @Test
    void blockingOnANonBlockingThreadIsCaught() throws IOException {
        Path file = Files.writeString(dir.resolve("some.txt"), "blocking read");

        Mono<Integer> readsAFile = Mono.fromCallable(() -> readFirstByte(file)).subscribeOn(Schedulers.parallel());

        StepVerifier.create(readsAFile).expectError(BlockingOperationError.class).verify();
    }

    private static int readFirstByte(Path file) {
        // A plain file read: one of the calls BlockHound knows to block (unlike parking, which the JIT
        // turns into an intrinsic that BlockHound no longer sees once the JVM is warm).
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return in.read(new byte[16]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
