package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live connections of signed-in people, from the outside: the server as its main starts it, with
 * the real local issuer; a ticket from {@code POST /api/live/tickets}, then {@code /ws?ticket=…}
 * with a real WebSocket client.
 */
class SignedInLiveTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext server;
    private static int port;
    private static WebTestClient http;

    @BeforeAll
    static void start() {
        server = LivetodosApplication.application().run("--server.port=0", "--livetodos.in-memory=true");
        port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = OpenApiContract.client(port).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void givenASignedInPerson_whenTheyAskForATicket_thenTheyGetOneGoodFor30Seconds() {
        String token = LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken();
        Instant before = Instant.now().minusSeconds(1);

        var response = http.post().uri("/api/live/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();

        JsonNode ticket = JSON.readTree(response.expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(ticket.path("ticket").asString()).isNotBlank();
        Instant expiresAt = Instant.parse(ticket.path("expiresAt").asString());
        assertThat(expiresAt).isAfter(before).isBeforeOrEqualTo(Instant.now().plusSeconds(31));
    }

    @Test
    void givenNoToken_thenNoTicketIsIssued() {
        var response = http.post().uri("/api/live/tickets").exchange();

        response.expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void givenATicket_thenTheLiveConnectionOpensWithItAndAnswersPings() {
        String token = LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken();
        String ticket = ticket(http, token);

        try (LiveClient client = LiveClient.connect(URI.create("ws://localhost:" + port + "/ws?ticket=" + ticket))) {
            client.send("{\"type\":\"ping\"}");

            client.awaitFrame(LiveClient.PONG::equals, Duration.ofSeconds(10));
        }
    }

    @Test
    void givenAUsedTicket_thenTheSecondConnectionIsRefused() {
        String token = LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken();
        String ticket = ticket(http, token);
        LiveClient.connect(URI.create("ws://localhost:" + port + "/ws?ticket=" + ticket)).close();

        int refused = refusedWith(URI.create("ws://localhost:" + port + "/ws?ticket=" + ticket));

        assertThat(refused).isEqualTo(401);
    }

    @Test
    void givenAForgedTicket_thenTheConnectionIsRefused() {
        String forged = "A".repeat(43);

        int refused = refusedWith(URI.create("ws://localhost:" + port + "/ws?ticket=" + forged));

        assertThat(refused).isEqualTo(401);
    }

    @Test
    void givenNoTicket_thenTheConnectionIsRefused() {
        int refused = refusedWith(URI.create("ws://localhost:" + port + "/ws"));

        assertThat(refused).isEqualTo(401);
    }

    /** The HTTP status a refused handshake was answered with. */
    static int refusedWith(URI uri) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new WebSocket.Listener() { }).join().abort();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw failed;
        }
        throw new AssertionError("the connection was opened");
    }

    static String ticket(WebTestClient http, String token) {
        String body = http.post().uri("/api/live/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(body).path("ticket").asString();
    }
}
