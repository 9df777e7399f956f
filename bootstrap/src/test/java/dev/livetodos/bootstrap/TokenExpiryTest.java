package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A live connection never outlives its person's token: with the local issuer's access tokens
 * living a few seconds, the server closes the socket with 4401 when the token behind its ticket expires.
 */
class TokenExpiryTest {

    /** Short, so the test waits little; long enough for the ticket to be asked for and used within it on a busy machine. */
    private static final String LIFETIME = "8s";

    private static ConfigurableApplicationContext server;
    private static int port;
    private static WebTestClient http;

    @BeforeAll
    static void start() {
        server = LivetodosApplication.application().run("--server.port=0", "--livetodos.in-memory=true",
                "--livetodos.issuer.access-token-lifetime=" + LIFETIME);
        port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = OpenApiContract.client(port).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void givenTheTokenBehindTheTicketExpires_thenTheConnectionIsClosedWith4401() throws Exception {
        String token = LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken();
        String ticket = SignedInLiveTest.ticket(http, token);

        try (LiveClient client = LiveClient.connect(URI.create("ws://localhost:" + port + "/ws?ticket=" + ticket))) {
            int code = client.closeCode().get(30, TimeUnit.SECONDS);

            assertThat(code).isEqualTo(4401);
        }
    }
}
