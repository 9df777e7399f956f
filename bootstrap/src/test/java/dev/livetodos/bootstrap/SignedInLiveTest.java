package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
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

    static String ticket(WebTestClient http, String token) {
        String body = http.post().uri("/api/live/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(body).path("ticket").asString();
    }
}
