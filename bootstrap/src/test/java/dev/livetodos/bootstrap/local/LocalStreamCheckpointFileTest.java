package dev.livetodos.bootstrap.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller's checkpoint file in the data directory: kept whole, private, and only for its own stream. */
class LocalStreamCheckpointFileTest {

    private static final String STREAM = "arn:aws:dynamodb:ddblocal:000000000000:table/livetodos-todos/stream/2026-12-01T00:00:00.000";

    @TempDir
    Path dataDir;

    @Test
    void whatIsSavedIsLoadedBackForTheSameStream() {
        StreamCheckpoints checkpoints = StreamCheckpoints.inFile(dataDir.resolve("stream-checkpoint"));

        checkpoints.save(STREAM, Map.of("shardId-1", "000000000000000000012", "shardId-2", "000000000000000000034"));

        assertThat(StreamCheckpoints.inFile(dataDir.resolve("stream-checkpoint")).load(STREAM))
                .isEqualTo(Map.of("shardId-1", "000000000000000000012", "shardId-2", "000000000000000000034"));
    }

    @Test
    void aCheckpointOfAnotherStreamLoadsAsNone() {
        StreamCheckpoints checkpoints = StreamCheckpoints.inFile(dataDir.resolve("stream-checkpoint"));

        checkpoints.save(STREAM, Map.of("shardId-1", "000000000000000000012"));

        assertThat(checkpoints.load(STREAM.replace("2026", "2027"))).isEmpty();
    }

    @Test
    void noFileOrAnUnreadableOneLoadsAsNone() throws Exception {
        Path file = dataDir.resolve("stream-checkpoint");
        assertThat(StreamCheckpoints.inFile(file).load(STREAM)).isEmpty();

        Files.writeString(file, "stream=\\u12");

        assertThat(StreamCheckpoints.inFile(file).load(STREAM)).isEmpty();
    }

    @Test
    void theFileIsReplacedWholeAndReadableByItsOwnerOnly() throws Exception {
        Path file = dataDir.resolve("stream-checkpoint");
        StreamCheckpoints checkpoints = StreamCheckpoints.inFile(file);

        checkpoints.save(STREAM, Map.of("shardId-1", "000000000000000000012"));
        checkpoints.save(STREAM, Map.of("shardId-1", "000000000000000000013"));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(checkpoints.load(STREAM)).isEqualTo(Map.of("shardId-1", "000000000000000000013"));
    }
}
