package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.adapter.out.apigateway.DynamoDbConnectionsTable;
import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import dev.livetodos.bootstrap.local.EmbeddedDynamoDb;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The Lambda jar as built: nothing local-only inside, and on its own (no other class on the
 * class path) FunctionInvoker runs its functions.
 */
class LambdaJarIT {

    private static final Path JAR = Path.of(System.getProperty("livetodos.lambda-jar", "target/livetodos-aws.jar"));

    @Test
    void holdsTheHandlersAndNothingLocalOnly() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> entries = jar.stream().map(entry -> entry.getName()).toList();

            assertThat(entries).contains(
                    "org/springframework/cloud/function/adapter/aws/FunctionInvoker.class",
                    "dev/livetodos/bootstrap/LivetodosApplication.class",
                    "dev/livetodos/adapter/in/dynamodb/TodoStreamHandler.class",
                    "dev/livetodos/adapter/in/lambda/ConnectFunction.class");
            assertThat(entries).noneMatch(name -> name.startsWith("software/amazon/dynamodb/services/local/"))
                    .noneMatch(name -> name.startsWith("dev/livetodos/bootstrap/local/"))
                    .noneMatch(name -> name.startsWith("org/eclipse/jetty/"))
                    .noneMatch(name -> name.startsWith("com/almworks/sqlite4java/"))
                    .noneMatch(name -> name.startsWith("reactor/netty/http/server/"))
                    .noneMatch(name -> name.startsWith("static/"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(LivetodosApplication.class.getName());
        }
        System.out.printf("Lambda jar %s: %.1f MB%n", JAR.getFileName(), Files.size(JAR) / 1_000_000.0);
    }

    @Test
    void runsTheConnectFunctionOnItsOwn() throws Exception {
        Map<String, String> settings = Map.of(
                "livetodos.table-name", "jar-todos",
                "livetodos.connections-table", "jar-connections",
                "livetodos.region", "eu-west-1",
                "livetodos.websocket-endpoint", "http://127.0.0.1:9/prod",
                // The page the recorded $connect event comes from, as infra allows the site.
                "livetodos.allowed-origins", "https://d111111abcdef8.cloudfront.net",
                "aws.accessKeyId", "local",
                "aws.secretAccessKey", "local");
        try (EmbeddedDynamoDb store = EmbeddedDynamoDb.start(Optional.empty(), AwsBasicCredentials.create("local", "local"));
             DynamoDbAsyncClient dynamoDb = DynamoDbAsyncClient.builder().endpointOverride(store.endpoint())
                     .region(Region.EU_WEST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .build();
             URLClassLoader lambda = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            DynamoDbTodoTable.createIfMissing(dynamoDb, "jar-todos").block(Duration.ofSeconds(30));
            DynamoDbConnectionsTable.createIfMissing(dynamoDb, "jar-connections").block(Duration.ofSeconds(30));
            settings.forEach(System::setProperty);
            System.setProperty("livetodos.dynamodb-endpoint", store.endpoint().toString());
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(lambda);
            try {
                // As the Lambda runtime does: the handler class by name, from the jar alone.
                Object invoker = lambda.loadClass("org.springframework.cloud.function.adapter.aws.FunctionInvoker")
                        .getConstructor(String.class).newInstance("connect");
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                invoker.getClass()
                        .getMethod("handleRequest", InputStream.class, OutputStream.class,
                                lambda.loadClass("com.amazonaws.services.lambda.runtime.Context"))
                        .invoke(invoker, new ByteArrayInputStream(event("connect.json")), output, null);

                assertThat(output.toString()).contains("\"statusCode\":200");
            } finally {
                thread.setContextClassLoader(previous);
                settings.keySet().forEach(System::clearProperty);
                System.clearProperty("livetodos.dynamodb-endpoint");
            }
            assertThat(dynamoDb.scan(request -> request.tableName("jar-connections")).join().items())
                    .extracting(item -> item.get("connectionId").s())
                    .containsExactly("CrXbdc3yjoECJ2A=");
        }
    }

    private static byte[] event(String name) throws Exception {
        try (InputStream in = LambdaJarIT.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }
}
