package dev.livetodos.bootstrap.local;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the local poller keeps, per shard, the sequence number of the last record the stream
 * handler took without failing it, so that after a crash it resumes right after it instead of at
 * the stream's newest record. Positions belong to one stream: those of another (a table deleted
 * and created again has a new stream) are ignored.
 */
interface StreamCheckpoints {

    /** The positions kept for this stream, by shard id; empty when there are none (or they are of another stream). */
    Map<String, String> load(String streamArn);

    /** Keeps these positions for the stream, replacing what was kept. */
    void save(String streamArn, Map<String, String> positions);

    /** In-memory mode: nothing is kept, every start reads the stream from its oldest record. */
    StreamCheckpoints NONE = new StreamCheckpoints() {
        @Override
        public Map<String, String> load(String streamArn) {
            return Map.of();
        }

        @Override
        public void save(String streamArn, Map<String, String> positions) {
        }
    };

    /**
     * A small properties file, replaced whole on every save: written to a temporary file (mode
     * 0600), forced to disk, then moved over the old one in one step, so a crash leaves either the
     * old positions or the new ones, never half of a file.
     */
    static StreamCheckpoints inFile(Path file) {
        return new FileCheckpoints(file);
    }

    final class FileCheckpoints implements StreamCheckpoints {

        private static final Logger log = LoggerFactory.getLogger(FileCheckpoints.class);
        private static final String STREAM = "stream";
        private static final String SHARD = "shard.";

        private final Path file;

        private FileCheckpoints(Path file) {
            this.file = file.toAbsolutePath();
        }

        @Override
        public Map<String, String> load(String streamArn) {
            Properties kept = new Properties();
            try {
                kept.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (NoSuchFileException none) {
                return Map.of();
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Ignoring the stream checkpoint {} (the stream is read from its oldest record): {}", file, e.toString());
                return Map.of();
            }
            if (!streamArn.equals(kept.getProperty(STREAM))) {
                if (kept.getProperty(STREAM) != null) {
                    log.info("The stream checkpoint {} is of another stream; reading the table's stream from its oldest record", file);
                }
                return Map.of();
            }
            Map<String, String> positions = new TreeMap<>();
            kept.stringPropertyNames().stream().filter(name -> name.startsWith(SHARD))
                    .forEach(name -> positions.put(name.substring(SHARD.length()), kept.getProperty(name)));
            return positions;
        }

        @Override
        public void save(String streamArn, Map<String, String> positions) {
            Properties kept = new Properties();
            kept.setProperty(STREAM, streamArn);
            positions.forEach((shard, sequenceNumber) -> kept.setProperty(SHARD + shard, sequenceNumber));
            StringWriter text = new StringWriter();
            try {
                kept.store(text, "livetodos: the last stream record handed to subscribers, per shard");
                Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                Files.deleteIfExists(temporary);
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    channel.force(true);
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
                forceDirectory(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the stream checkpoint " + file, e);
            }
        }

        /** Makes the rename itself durable; some file systems cannot open a directory, which is fine. */
        private static void forceDirectory(Path directory) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("Could not force {} to disk: {}", directory, e.toString());
            }
        }
    }
}
