package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The server's limits from the outside, on plain sockets with the deadlines shortened: a silent
 * or half-sent request is closed, a WebSocket that answers nothing is closed while a browser-like
 * client stays, the per-address cap refuses the next handshake, and only this server's names and
 * pages get answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livetodos.in-memory=true", "server.netty.idle-timeout=1s",
        "livetodos.http-read-timeout=1s",
        "livetodos.websocket-ping-interval=200ms", "livetodos.websocket-silence-deadline=1s",
        "livetodos.websocket-max-sessions-per-address=3", "livetodos.websocket-cap-loopback=true"})
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLimitsTest {

    /** A generous bound for "closed": the configured deadlines are one or two seconds. */
    private static final int READ_PATIENCE_MS = 30_000;

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private Environment environment;

    /** One signed-in person for the whole class: signing up costs a password hash. */
    private static SignedIn person;

    @BeforeEach
    void signIn() {
        if (person == null) {
            person = SignedIn.newPerson(environment);
            // The first token the server sees has it fetch the issuer's keys: done here, not
            // inside a test whose request must reach the handler within the shortened timeouts.
            person.http().get().uri(person.todos()).exchange().expectStatus().isOk();
        }
    }

    @Test
    void givenAConnectionThatSendsNothing_thenTheServerClosesIt() throws IOException {
        try (Socket socket = connect()) {

            assertThat(readUntilClosed(socket)).as("closed by the server").isTrue();
        }
    }

    @Test
    void givenHalfARequestHead_thenTheServerClosesTheConnection() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /api/lists HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: appl");

            assertThat(readUntilClosed(socket)).as("closed by the server").isTrue();
        }
    }

    @Test
    void givenHalfARequestBody_thenTheServerClosesTheConnection_andLogsOneLineInTheRequestsTraceWithoutAStackTrace(
            CapturedOutput log) throws IOException {
        try (Socket socket = connect()) {
            // Signed in, so the server reads the body (without a token it answers 401 before reading any).
            send(socket, "POST " + person.todos() + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + person.authorization() + "\r\n"
                    + "Content-Length: 100\r\n\r\n{\"name\":\"half");

            assertThat(readUntilClosed(socket)).as("closed by the server").isTrue();
        }
        // The client's mistake: at most a line saying so, never a stack trace or an "unexpected failure".
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> log.getAll().contains("stopped sending"));
        assertThat(log.getAll()).doesNotContain("\tat ").doesNotContain("Unexpected failure");
        // In the request's trace: the line carries its ids ([trace id-span id]), to be found beside its other lines.
        assertThat(log.getAll().lines().filter(line -> line.contains("stopped sending"))).singleElement().asString()
                .containsPattern("\\[[0-9a-f]{32}-[0-9a-f]{16}\\]");
    }

    @Test
    void givenAWebSocketThatAnswersNothing_thenItIsClosed_whileABrowserLikeClientStaysAndGetsChanges() throws IOException {
        String ticket = person.ticket();
        try (LiveClient browser = person.connect(); Socket silent = connect()) {
            assertThat(handshake(silent, null, ticket)).startsWith("HTTP/1.1 101");

            assertThat(readUntilClosed(silent)).as("closed by the server").isTrue();

            // It has been open for longer than the silence deadline and the idle timeout: still live.
            assertThat(browser.closeCode()).as("the browser-like client's connection").isNotDone();
            String id = UUID.randomUUID().toString();
            Json.post(person.http(), person.todos(), "{\"id\":\"" + id + "\",\"name\":\"still here\"}").expectStatus().isCreated();
            browser.awaitChanges(LiveClient.containsChange("upsert", id, 1), Duration.ofSeconds(30));
        }
    }

    @Test
    void givenAnAddressHasAsManyWebSocketsAsItMay_thenTheNextHandshakeIsRefusedWith429_untilOneCloses() throws IOException {
        // Tickets first: a socket that sends nothing for the shortened idle timeout is closed.
        List<String> tickets = List.of(person.ticket(), person.ticket(), person.ticket(), person.ticket());
        try (Socket first = connect(); Socket second = connect(); Socket third = connect(); Socket fourth = connect()) {
            Socket[] open = {first, second, third};
            for (int i = 0; i < open.length; i++) {
                assertThat(handshake(open[i], null, tickets.get(i))).startsWith("HTTP/1.1 101");
            }

            String refused = handshake(fourth, null, tickets.get(3));

            assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("application/problem+json")
                    .contains("\"status\":429");
        }
        // All four are closed now, so their places are free again (given back as the server sees them close).
        assertThat(handshakeEventually()).startsWith("HTTP/1.1 101");
    }

    @Test
    void givenAPageFromAnotherSite_thenTheWebSocketHandshakeIsRefusedWith403() throws IOException {
        String ticket = person.ticket();
        try (Socket socket = connect()) {

            String answer = handshake(socket, "https://evil.example", ticket);

            assertThat(answer).startsWith("HTTP/1.1 403").containsIgnoringCase("application/problem+json")
                    .contains("/problems/origin-not-allowed");
        }
    }

    @Test
    void givenARequestToAnotherHostName_thenAnswers421Problem() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /api/lists HTTP/1.1\r\nHost: rebound.attacker.example:" + port + "\r\nConnection: close\r\n\r\n");

            String answer = readAll(socket);

            assertThat(answer).startsWith("HTTP/1.1 421").containsIgnoringCase("application/problem+json")
                    .contains("/problems/host-not-allowed").doesNotContain("[]");
        }
    }

    @Test
    void givenARequestToAnIpAddress_thenAnswersIt() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET " + person.todos() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + person.authorization()
                    + "\r\nConnection: close\r\n\r\n");

            assertThat(readAll(socket)).startsWith("HTTP/1.1 200");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(READ_PATIENCE_MS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /**
     * Sends a WebSocket handshake with the ticket and returns the answer's head (and for a
     * refusal, what of its body has come).
     */
    private String handshake(Socket socket, String origin, String ticket) throws IOException {
        send(socket, "GET /ws?ticket=" + ticket + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n");
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        if (!text.startsWith("HTTP/1.1 101")) {
            int length = Integer.parseInt(text.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
            text += new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        return text;
    }

    /** A place is given back once the server sees its connection close; until then the cap still refuses. */
    private String handshakeEventually() throws IOException {
        String answer = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            String ticket = person.ticket();
            try (Socket next = connect()) {
                answer = handshake(next, null, ticket);
            }
        } while (!answer.startsWith("HTTP/1.1 101") && System.nanoTime() < deadline);
        return answer;
    }

    /** Reads until the server closes the connection: true then, false if it was still open after the read patience. */
    private static boolean readUntilClosed(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // whatever the server says before it closes: pings, a close frame, an error answer
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String readAll(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
