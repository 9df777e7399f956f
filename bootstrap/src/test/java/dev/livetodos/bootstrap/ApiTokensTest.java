package dev.livetodos.bootstrap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import reactor.test.StepVerifier;

/**
 * The token check when the issuer's keys cannot be had: an issuer that takes the connection
 * and never answers must not hold the request for ever (with no deadline on the key fetch, every
 * request waiting for the keys hung with it).
 */
class ApiTokensTest {

    private ServerSocket silentIssuer;
    private final List<Socket> held = new ArrayList<>();
    private Thread accepting;

    @BeforeEach
    void anIssuerThatTakesConnectionsAndNeverAnswers() throws IOException {
        silentIssuer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        accepting = new Thread(() -> {
            try {
                while (true) {
                    held.add(silentIssuer.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent issuer");
        accepting.setDaemon(true);
        accepting.start();
    }

    @AfterEach
    void closeIt() throws IOException {
        silentIssuer.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void givenTheIssuersKeysNeverCome_thenTheCheckFailsInsteadOfTheRequestHanging() {
        String issuer = "http://127.0.0.1:" + silentIssuer.getLocalPort();
        MockEnvironment environment = new MockEnvironment()
                .withProperty(ApiTokens.ISSUER_URI, issuer)
                .withProperty(ApiTokens.JWK_SET_URI, issuer + "/oauth2/jwks");
        ApiTokens tokens = new ApiTokens(environment, null);

        // Well-formed and signed with a key id the decoder must fetch the keys for.
        String token = part("{\"alg\":\"RS256\",\"kid\":\"unknown\"}") + "." + part("{\"iss\":\"" + issuer + "\",\"sub\":\"x\"}")
                + "." + part("not a signature");

        StepVerifier.create(tokens.decode(token))
                .expectErrorSatisfies(error -> org.assertj.core.api.Assertions.assertThat(ApiTokens.isKeyFetchFailure(error)
                        || error.getMessage().contains("keys")).as(error.toString()).isTrue())
                // Two fetches (the first and one retry), each given ApiTokens.KEY_FETCH_TIMEOUT, and room to spare.
                .verify(ApiTokens.KEY_FETCH_TIMEOUT.multipliedBy(2).plus(Duration.ofSeconds(20)));
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
