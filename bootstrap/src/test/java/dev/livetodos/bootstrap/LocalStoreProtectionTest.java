package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.bootstrap.local.EmbeddedDynamoDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.util.retry.Retry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Local mode's store seen by another process on the same machine: its port takes only the
 * server's own key, the data directory and its files are the owner's alone, and a table
 * someone deleted comes back by itself, live changes included.
 */
class LocalStoreProtectionTest {

    private static final String TABLE = "livetodos-todos";

    @TempDir
    static Path parent;

    private static Path dataDir;
    private static ConfigurableApplicationContext server;
    private static int port;
    private static SignedIn person;

    @BeforeAll
    static void start() throws Exception {
        dataDir = parent.resolve("data");
        // A directory that exists, readable by everyone, is tightened.
        Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        server = new SpringApplicationBuilder(LivetodosApplication.class).run(
                "--server.port=0", "--livetodos.data-dir=" + dataDir);
        port = Integer.parseInt(server.getEnvironment().getRequiredProperty("local.server.port"));
        person = SignedIn.newPerson(server);
        person.listId();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anotherProcessWithOtherCredentialsCanNeitherListNorReadNorDropTheTable() {
        try (DynamoDbAsyncClient intruder = DynamoDbAsyncClient.builder()
                .endpointOverride(server.getBean(EmbeddedDynamoDb.class).endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {

            thenRefused(intruder.listTables());
            thenRefused(intruder.scan(request -> request.tableName(TABLE)));
            thenRefused(intruder.deleteTable(request -> request.tableName(TABLE)));
        }

        assertThat(server.getBean(DynamoDbAsyncClient.class).listTables().join().tableNames()).contains(TABLE);
    }

    @Test
    void theDataDirectoryIsTheOwnersAloneAndSoAreItsFiles() throws Exception {
        Json.post(person.http(), person.todos(), "{\"name\":\"Private\"}").expectStatus().isCreated();

        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty().allSatisfy(file ->
                    assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
                            .isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }
    }

    @Test
    void givenTheTableWasDeleted_thenItIsCreatedAgainAndWritesArePushedLive() {
        try (LiveClient browser = person.connect()) {
            server.getBean(DynamoDbAsyncClient.class).deleteTable(request -> request.tableName(TABLE)).join();
            String id = UUID.randomUUID().toString();
            // The person's own list went with the table: their next look at their lists, once the
            // table is back, makes "My todos" again (the token stays good: the key is on disk).
            String list = awaitOwnListAgain(Duration.ofSeconds(60));

            // An idempotent create, tried again while the table is still settling.
            WebClient.create("http://localhost:" + port).post().uri(SignedIn.todosOf(list))
                    .header(HttpHeaders.AUTHORIZATION, person.authorization())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"id\":\"" + id + "\",\"name\":\"After the table came back\"}")
                    .retrieve().toBodilessEntity()
                    .retryWhen(Retry.backoff(200, Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(500)))
                    .block(Duration.ofSeconds(60));

            browser.awaitChanges(LiveClient.containsChange("upsert", id, 1), Duration.ofSeconds(30));
            person.http().get().uri(person.todos() + "/" + id).exchange().expectStatus().isOk();
        }
    }

    private static String awaitOwnListAgain(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return person.freshListId();
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private static void thenRefused(CompletableFuture<?> call) {
        assertThatThrownBy(call::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(DynamoDbException.class, refused -> {
                    assertThat(refused.statusCode()).isEqualTo(400);
                    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                });
    }
}
