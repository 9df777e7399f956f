package dev.livetodos.adapter.in.websocket;

import static dev.livetodos.adapter.in.websocket.LocalWebSocketHost.PATIENCE;
import static dev.livetodos.adapter.in.websocket.LocalWebSocketHost.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.livetodos.adapter.in.websocket.LocalWebSocketHost.Connected;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Silent connections are closed, the caps on open sessions hold, and only allowed pages connect: over a real server. */
class WebSocketLimitsTest {

    private LocalWebSocketHost host;

    private LocalWebSocketHost start(WebSocketLimits limits) {
        host = new LocalWebSocketHost(256, limits);
        return host;
    }

    private static WebSocketLimits caps(int total, int perAddress) {
        return new WebSocketLimits(Duration.ofSeconds(20), Duration.ofSeconds(45), total, perAddress, true);
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void givenAClientAnswersNothing_thenItIsClosedAfterTheDeadline_whileAClientThatAnswersPingsStays() throws Exception {
        start(new WebSocketLimits(Duration.ofMillis(100), Duration.ofSeconds(1), 100, 100, true));
        Connected answering = host.connect(TestClient::reading);

        try (RawHandshake silent = RawHandshake.open(host.port(), null)) {
            assertThat(silent.status).isEqualTo(101);

            assertThat(silent.closedByServer()).as("closed by the server").isTrue();
        }

        // Several deadlines long: twenty pings, each answered, and still subscribed.
        eventually(() -> answering.client().pings() >= 20);
        assertThat(host.ids()).containsExactly(answering.id());
        eventually(() -> host.handler.openSessions() == 1);
    }

    @Test
    void givenAnAddressHasAsManySessionsAsItMay_thenTheNextHandshakeIsRefusedWith429() throws Exception {
        start(caps(100, 2));
        host.connect(TestClient::reading);
        host.connect(TestClient::reading);

        try (RawHandshake third = RawHandshake.open(host.port(), null)) {

            assertThat(third.status).isEqualTo(429);
            assertThat(third.head).containsIgnoringCase("Content-Type: application/problem+json").containsIgnoringCase("Retry-After:");
            assertThat(third.body).contains("\"status\":429", "\"type\":\"/problems/too-many-connections\"");
        }
        assertThat(host.ids()).hasSize(2);
    }

    @Test
    void givenLoopbackIsNotCapped_thenLoopbackClientsPassThePerAddressCapButNotTheTotal() throws Exception {
        start(new WebSocketLimits(Duration.ofSeconds(20), Duration.ofSeconds(45), 3, 1, false));
        host.connect(TestClient::reading);
        host.connect(TestClient::reading);
        host.connect(TestClient::reading);

        try (RawHandshake fourth = RawHandshake.open(host.port(), null)) {

            assertThat(fourth.status).isEqualTo(503);
        }
        assertThat(host.ids()).hasSize(3);
    }

    @Test
    void givenTheServerHoldsAsManySessionsAsItMay_thenTheNextHandshakeIsRefusedWith503() throws Exception {
        start(caps(2, 100));
        host.connect(TestClient::reading);
        host.connect(TestClient::reading);

        try (RawHandshake third = RawHandshake.open(host.port(), null)) {

            assertThat(third.status).isEqualTo(503);
            assertThat(third.head).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(third.body).contains("\"status\":503");
        }
    }

    @Test
    void givenASessionCloses_thenItsPlaceIsFreeForAnother() {
        start(caps(100, 2));
        Connected first = host.connect(TestClient::reading);
        host.connect(TestClient::reading);

        first.client().close();
        eventually(() -> host.handler.openSessions() == 1);

        Connected another = host.connect(TestClient::reading);
        assertThat(host.ids()).contains(another.id()).hasSize(2);
    }

    @Test
    void givenASessionIsLostWithoutClosing_thenItsPlaceIsFreeForAnother() {
        start(caps(100, 1));
        Connected lost = host.connect(TestClient::reading);

        lost.client().abort();
        eventually(() -> host.handler.openSessions() == 0);

        host.connect(TestClient::reading);
        assertThat(host.ids()).hasSize(1);
    }

    @Test
    void givenARefusedHandshake_thenItTakesNoPlace() throws Exception {
        start(caps(100, 1));
        try (RawHandshake foreign = RawHandshake.open(host.port(), "https://evil.example")) {
            assertThat(foreign.status).isEqualTo(403);
        }

        host.connect(TestClient::reading);

        assertThat(host.handler.openSessions()).isEqualTo(1);
    }

    @Test
    void givenAPageFromAnotherSite_thenTheHandshakeIsRefusedWith403BeforeTheUpgrade() throws Exception {
        start(WebSocketLimits.DEFAULTS);

        try (RawHandshake foreign = RawHandshake.open(host.port(), "https://evil.example")) {

            assertThat(foreign.status).isEqualTo(403);
            assertThat(foreign.head).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(foreign.body).contains("\"status\":403", "\"type\":\"/problems/origin-not-allowed\"")
                    .doesNotContain("Exception", "dev.livetodos");
        }
        assertThat(host.ids()).isEmpty();
    }

    @Test
    void givenAPageOfTheServersOwnOriginOrALoopbackPage_thenItConnects() throws Exception {
        start(WebSocketLimits.DEFAULTS);

        try (RawHandshake own = RawHandshake.open(host.port(), "http://127.0.0.1:" + host.port());
             RawHandshake loopback = RawHandshake.open(host.port(), "http://localhost:5173");
             RawHandshake noPage = RawHandshake.open(host.port(), null)) {

            assertThat(own.status).isEqualTo(101);
            assertThat(loopback.status).isEqualTo(101);
            assertThat(noPage.status).isEqualTo(101);
        }
    }

    @Test
    void givenAPlainRequestAtTheWebSocketPath_thenItTakesNoPlace() {
        start(caps(100, 1));
        var response = java.net.http.HttpClient.newHttpClient().sendAsync(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + host.port() + TodoWebSocketHandler.PATH + "?ticket=" + LocalWebSocketHost.TICKET)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        StepVerifier.create(reactor.core.publisher.Mono.fromFuture(response))
                .assertNext(answer -> assertThat(answer.statusCode()).isEqualTo(400))
                .expectComplete()
                .verify(PATIENCE);

        host.connect(TestClient::reading);

        assertThat(host.handler.openSessions()).isEqualTo(1);
    }

    @Test
    void refusesADeadlineNoLongerThanThePingInterval() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new WebSocketLimits(Duration.ofSeconds(20), Duration.ofSeconds(20), 1, 1, false));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new WebSocketLimits(Duration.ofSeconds(20), Duration.ofSeconds(45), 0, 1, false));
    }
}
