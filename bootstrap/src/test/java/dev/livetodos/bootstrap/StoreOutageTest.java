package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import dev.livetodos.bootstrap.local.EmbeddedDynamoDb;
import dev.livetodos.issuer.LocalIssuer;
import dev.livetodos.issuer.LocalIssuerSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The server in its AWS shape (a configured table, no local parts) against a store that goes
 * away and comes back: it answers 503 with Retry-After meanwhile and recovers by itself. Its
 * tokens come from an issuer named only in the standard Spring properties, as Cognito is on AWS
 * (here the local issuer, started on its own).
 */
class StoreOutageTest {

    private static final String TABLE = "outage-todos";

    @TempDir
    static Path dataDir;

    private static int storePort;
    private static int apiPort;
    private static EmbeddedDynamoDb store;
    private static ConfigurableApplicationContext server;
    private static WebTestClient http;

    /** The people's accounts are in the same store; the issuer is the API's only in the standard properties. */
    private static DynamoDbAsyncClient issuerStore;
    private static LocalIssuer issuer;
    private static SignedIn person;

    @BeforeAll
    static void startStoreAndServer() throws Exception {
        storePort = freePort();
        store = EmbeddedDynamoDb.start(Optional.of(dataDir), storePort, AwsBasicCredentials.create("local", "local"));
        issuerStore = DynamoDbAsyncClient.builder()
                .endpointOverride(store.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        DynamoDbTodoTable.createIfMissing(issuerStore, TABLE).block(Duration.ofSeconds(30));
        apiPort = freePort();
        URI page = URI.create("http://localhost:" + apiPort);
        issuer = LocalIssuer.start(new LocalIssuerSettings("127.0.0.1", 0, Optional.empty(), TABLE, List.of(page), Map.of()),
                issuerStore);
        // The AWS shape takes credentials from the SDK's default chain, as on Lambda.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        server = new SpringApplicationBuilder(LivetodosApplication.class).run(
                "--server.port=" + apiPort,
                "--livetodos.table-name=" + TABLE,
                "--livetodos.region=us-east-1",
                "--livetodos.dynamodb-endpoint=" + store.endpoint(),
                "--livetodos.store-timeout=2s",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri(),
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + LocalIssuer.AUDIENCE,
                // Exposed by mistake: the API's security still answers only health on its port.
                "--management.endpoints.web.exposure.include=health,prometheus,env,beans");
        person = SignedIn.newPerson(apiPort, LocalSignIn.of(issuer.issuer(), page, LocalIssuer.WEB_CLIENT_ID));
        http = person.http();
    }

    @AfterAll
    static void stopAll() throws Exception {
        server.close();
        issuer.close();
        issuerStore.close();
        store.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void answers503WithRetryAfterWhileTheStoreIsDownAndRecoversWhenItIsBack() throws Exception {
        Map<?, ?> before = Json.post(http, person.todos(), "{\"name\":\"Survives the outage\"}")
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

        store.close();

        http.get().uri(person.todos()).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentType("application/problem+json")
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("\"status\":503")
                        .doesNotContain("software.amazon", "Exception", "127.0.0.1"));
        Json.post(http, person.todos(), "{\"name\":\"Written while down\"}").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        anonymous().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("\"status\":\"DOWN\"")
                        .doesNotContain("software.amazon", "Exception", "127.0.0.1"));

        store = EmbeddedDynamoDb.start(Optional.of(dataDir), storePort, AwsBasicCredentials.create("local", "local"));

        await().atMost(Duration.ofSeconds(60)).until(() -> anonymous().get().uri("/actuator/health/readiness").exchange()
                .returnResult(String.class).getStatus().value() == 200);
        http.get().uri(person.todos() + "/" + before.get("id")).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).isEqualTo(before);
        http.get().uri(person.todos()).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Written while down"));
    }

    /** Actuator shares the API's port here, as on Lambda: only its health is answered, without a token. */
    @Test
    void answersHealthAloneOfActuatorOnTheApiPort() {
        anonymous().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("\"status\":\"UP\""));
        for (String other : List.of("/actuator", "/actuator/prometheus", "/actuator/env", "/actuator/beans")) {
            anonymous().get().uri(other).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType("application/problem+json");
            http.get().uri(other).exchange().expectStatus().isForbidden();
        }
        anonymous().post().uri("/actuator/health").exchange().expectStatus().isUnauthorized();
    }

    private static WebTestClient anonymous() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + apiPort).build();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
