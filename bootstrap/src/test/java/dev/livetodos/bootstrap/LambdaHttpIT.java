package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import dev.livetodos.bootstrap.local.EmbeddedDynamoDb;
import dev.livetodos.issuer.LocalIssuer;
import dev.livetodos.issuer.LocalIssuerSettings;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP Lambda artifact as built ({@code target/lambda-http}, the directory CDK zips): nothing
 * local-only inside, and {@code run.sh}, started as the Lambda Web Adapter starts it, serves the
 * API from a DynamoDB table given only by AWS settings. Its own JVM, like on Lambda.
 */
class LambdaHttpIT {

    private static final Path ARTIFACT = Path.of(System.getProperty("livetodos.lambda-http", "target/lambda-http"));
    private static final String TABLE = "lambda-todos";
    private static final String TOKEN_HEADER = "X-Livetodos-Authorization";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final StringBuffer output = new StringBuffer();
    private Process server;
    private LocalIssuer issuer;

    @AfterEach
    void stop() {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void holdsTheWebServerAndNothingLocalOnly() throws IOException {
        Path runSh = ARTIFACT.resolve("run.sh");

        List<String> entries = entries(ARTIFACT);

        assertThat(runSh).isExecutable();
        assertThat(Files.readString(runSh)).startsWith("#!/bin/sh\n").doesNotContain("\r");
        assertThat(entries).contains(
                "dev/livetodos/bootstrap/LivetodosApplication.class",
                "dev/livetodos/adapter/in/web/TodoHttpRoutes.class",
                "dev/livetodos/adapter/out/dynamodb/DynamoDbTodoStore.class",
                "reactor/netty/http/server/HttpServer.class",
                "org/springframework/boot/reactor/netty/NettyWebServer.class",
                "org/joda/time/DateTime.class");
        assertThat(entries).filteredOn(LambdaHttpIT::isLocalOnly).as("local-only classes and files").isEmpty();
        try (Stream<Path> files = Files.walk(ARTIFACT)) {
            assertThat(files.map(Path::toString)).as("native libraries of DynamoDB Local")
                    .noneMatch(name -> name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"));
        }
        System.out.printf("lambda-http: %.1f MB unzipped, %d entries%n", size(ARTIFACT) / 1_000_000.0, entries.size());
    }

    @Test
    void runShServesTheApiFromTheTableItIsGiven() throws Exception {
        try (EmbeddedDynamoDb store = EmbeddedDynamoDb.start(Optional.empty(), AwsBasicCredentials.create("local", "local"));
             DynamoDbAsyncClient dynamoDb = DynamoDbAsyncClient.builder().endpointOverride(store.endpoint())
                     .region(Region.EU_WEST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .build()) {
            DynamoDbTodoTable.createIfMissing(dynamoDb, TABLE).block(Duration.ofSeconds(30));
            int port = freePort();
            URI page = URI.create("http://localhost:" + port);
            // The people's issuer, as Cognito is on AWS: named only in the standard Spring settings.
            issuer = LocalIssuer.start(new LocalIssuerSettings("127.0.0.1", 0, Optional.empty(), TABLE, List.of(page), Map.of()),
                    dynamoDb);

            long started = System.nanoTime();
            server = startRunSh(port, Map.ofEntries(
                    Map.entry("LIVETODOS_TABLE_NAME", TABLE),
                    Map.entry("LIVETODOS_DYNAMODB_ENDPOINT", store.endpoint().toString()),
                    Map.entry("LIVETODOS_CONNECTIONS_TABLE", "lambda-connections"),
                    Map.entry("LIVETODOS_WEBSOCKET_ENDPOINT", "http://127.0.0.1:9/prod"),
                    Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer.issuer().toString()),
                    Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", issuer.jwkSetUri().toString()),
                    Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES", LocalIssuer.AUDIENCE),
                    // As the CDK app sets it: CloudFront's SigV4 signature takes the Authorization header.
                    Map.entry("LIVETODOS_SECURITY_TOKEN_HEADER", TOKEN_HEADER),
                    // As the CDK app sets them: Actuator on the API's port, health alone, no details.
                    Map.entry("MANAGEMENT_SERVER_PORT", String.valueOf(port)),
                    Map.entry("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health"),
                    Map.entry("MANAGEMENT_ENDPOINT_HEALTH_SHOW_DETAILS", "never"),
                    Map.entry("AWS_REGION", "eu-west-1"),
                    Map.entry("AWS_ACCESS_KEY_ID", "local"),
                    Map.entry("AWS_SECRET_ACCESS_KEY", "local")));
            // As the adapter's readiness check does (the CDK app's AWS_LWA_READINESS_CHECK_PATH):
            // ask every 10 ms until readiness answers 200, the todo table having answered too.
            await("run.sh ready on port " + port).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> answers(port, "/actuator/health/readiness"));
            long ready = System.nanoTime();
            SignedIn person = SignedIn.newPerson(port, LocalSignIn.of(issuer.issuer(), page, LocalIssuer.WEB_CLIENT_ID))
                    .inHeader(TOKEN_HEADER);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri(port, person.todos()))
                    .header("Content-Type", "application/json")
                    .header(TOKEN_HEADER, person.authorization())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Written through the Lambda artifact\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long firstAnswer = System.nanoTime();

            assertThat(created.statusCode()).as("POST answer; output:%n%s", output).isEqualTo(201);
            String location = created.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(uri(port, location))
                    .header(TOKEN_HEADER, person.authorization()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> inTheStandardHeader = http.send(HttpRequest.newBuilder(uri(port, location))
                    .header("Authorization", person.authorization()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(inTheStandardHeader.statusCode()).as("a token where CloudFront puts its signature is not read")
                    .isEqualTo(401);
            assertThat(read.statusCode()).isEqualTo(200);
            JsonNode todo = JsonMapper.builder().build().readTree(read.body());
            assertThat(todo.get("name").asString()).isEqualTo("Written through the Lambda artifact");
            assertThat(todo.get("version").asInt()).isEqualTo(1);
            assertThat(location).isEqualTo(person.todos() + "/" + todo.get("id").asString());
            // The todo, under the person's own list, made at their first sign-in (its META and owner beside it).
            assertThat(dynamoDb.scan(request -> request.tableName(TABLE)).join().items())
                    .filteredOn(item -> item.get("pk").s().equals("LIST#" + person.listId()))
                    .extracting(item -> item.get("sk").s().replaceFirst("^MEMBER#.*", "MEMBER#"))
                    .as("items in the table").containsExactlyInAnyOrder("META", "MEMBER#", "TODO#" + todo.get("id").asString());
            assertThat(http.send(HttpRequest.newBuilder(uri(port, "/")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).as("no browser app inside").isEqualTo(404);
            assertThat(server.info().command()).as("run.sh execs the JVM, so signals reach it")
                    .hasValueSatisfying(command -> assertThat(command).endsWith("/java"));
            System.out.printf("lambda-http: run.sh answered its first request %d ms after start (ready after %d ms)%n",
                    TimeUnit.NANOSECONDS.toMillis(firstAnswer - started), TimeUnit.NANOSECONDS.toMillis(ready - started));

            server.destroy(); // SIGTERM, as Lambda sends when it shuts the environment down

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM; output:%n%s", output).isTrue();
        }
    }

    /** DynamoDB Local and its libraries, the local-mode classes, the browser app. */
    private static boolean isLocalOnly(String entry) {
        return Stream.of("software/amazon/dynamodb/", "com/almworks/sqlite4java/", "org/eclipse/jetty/", "org/antlr/",
                        "org/partiql/", "kotlin/", "dev/livetodos/bootstrap/local/", "static/")
                .anyMatch(entry::startsWith);
    }

    private Process startRunSh(int port, Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ARTIFACT.resolve("run.sh").toAbsolutePath().toString())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("LIVETODOS_")
                || name.startsWith("SPRING_") || name.equals("JAVA_OPTS") || name.equals("JAVA_TOOL_OPTIONS"));
        environment.putAll(settings);
        environment.put("AWS_LWA_PORT", Integer.toString(port));
        // run.sh runs the java on the PATH, as on Lambda; here that is the JVM running this build.
        ProcessHandle.current().info().command().map(Path::of).map(Path::getParent).ifPresent(bin ->
                environment.put("PATH", bin + File.pathSeparator + environment.getOrDefault("PATH", "")));
        Process process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                output.append(e).append('\n');
            }
        }, "run.sh output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private boolean answers(int port, String path) throws Exception {
        if (!server.isAlive()) {
            throw new AssertionError("run.sh ended (exit " + server.exitValue() + ") before it answered:\n" + output);
        }
        try {
            return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (ConnectException notListeningYet) {
            return false;
        }
    }

    private static URI uri(int port, String path) {
        // run.sh listens on the loopback address only, where the adapter calls it.
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Every class and resource name the artifact puts on the class path: classes/ and each jar in lib/. */
    private static List<String> entries(Path artifact) throws IOException {
        List<String> entries = new ArrayList<>();
        Path classes = artifact.resolve("classes");
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(Files::isRegularFile).map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .forEach(entries::add);
        }
        try (Stream<Path> jars = Files.list(artifact.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream().map(entry -> entry.getName()).forEach(entries::add);
                }
            }
        }
        return entries;
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
