package dev.livetodos.bootstrap.local;

import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import dev.livetodos.bootstrap.LivetodosProperties;
import dev.livetodos.bootstrap.LocalMode;
import dev.livetodos.bootstrap.LegacyTodosHandover;
import dev.livetodos.bootstrap.StoreConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import reactor.util.retry.Retry;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Local mode: no AWS account needed. DynamoDB Local runs in this process, keeping data in the
 * data directory (or in memory), and the todo table is created on first start. The data
 * directory is its owner's alone (0700, files 0600), and the store takes requests only with a
 * key this process made at start.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalMode.class)
class LocalStoreConfiguration {

    static final String TABLE_NAME = "livetodos-todos";
    /** Where the stream poller keeps its positions, inside the data directory. */
    static final String STREAM_CHECKPOINT = "stream-checkpoint.properties";

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    @Bean(destroyMethod = "close")
    EmbeddedDynamoDb embeddedDynamoDb(LivetodosProperties properties) throws Exception {
        Optional<Path> dataDir = Optional.empty();
        if (!properties.inMemory()) {
            dataDir = Optional.of(ownerOnlyDirectory(dataDir(properties)));
        }
        return EmbeddedDynamoDb.start(dataDir, EmbeddedDynamoDb.randomKey());
    }

    @Bean
    StoreConnection storeConnection(EmbeddedDynamoDb dynamoDb, LivetodosProperties properties) {
        String where = properties.inMemory()
                ? "in memory (gone when the server stops)"
                : dataDir(properties) + " (embedded DynamoDB Local)";
        return new StoreConnection(TABLE_NAME, Optional.of(dynamoDb.endpoint()), Optional.of(Region.US_EAST_1),
                dynamoDb.credentials(), where, true);
    }

    @Bean
    SmartInitializingSingleton localTodoTable(DynamoDbAsyncClient client, LegacyTodosHandover handover,
                                              LivetodosProperties properties) {
        return () -> {
            // Just after a crash DynamoDB Local may answer slowly or fail while it opens its
            // database; starting waits for it (within bounds) rather than giving up at once.
            DynamoDbTodoTable.createIfMissing(client, TABLE_NAME)
                    .then(handover.atStart())
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2)))
                    .block(properties.storeTimeout().multipliedBy(12));
            if (!properties.inMemory()) {
                // DynamoDB Local creates its database with the process's umask; SQLite gives its
                // journals the database's mode, so tightening the files once is enough.
                ownerOnlyFiles(dataDir(properties));
            }
        };
    }

    static Path dataDir(LivetodosProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize();
    }

    /** Creates the directory as 0700, or tightens it to that if it exists (where permissions are POSIX). */
    static Path ownerOnlyDirectory(Path directory) throws IOException {
        if (!posix()) {
            return Files.createDirectories(directory);
        }
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
        return directory;
    }

    /** Makes every file directly in the directory readable and writable by its owner only. */
    static void ownerOnlyFiles(Path directory) {
        if (!posix()) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the files of " + directory + " private", e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
