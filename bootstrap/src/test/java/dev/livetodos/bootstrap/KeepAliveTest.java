package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * A browser's connection to the real server, kept alive between requests: it may send the next
 * request before the server has finished with the one before (the page asks for its settings and
 * then, at once, for a live ticket). Every request on the connection gets its answer.
 *
 * <p>Reactor Netty 1.3.6 and 1.3.7 stopped reading such a connection once a request that had
 * waited behind another was answered at once: the next request sat unread until the client
 * closed the connection (reactor/reactor-netty#4361, fixed in 1.3.8). The page's first
 * {@code POST /api/live/tickets} after signing in waited so, now and then, and the page never
 * went live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livetodos.in-memory=true")
class KeepAliveTest {

    /** How long an answer may take on a busy machine; an unread request never gets one. */
    private static final int ANSWER_WITHIN_MILLIS = 20_000;

    private static final String SETTINGS = "GET /config.json HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private Environment environment;

    @Test
    void givenARequestSentBeforeTheOneAheadOfItWasAnswered_thenTheNextRequestOnTheConnectionIsAnsweredToo() throws Exception {
        // The person's lists take a trip to the store; the settings are answered at once.
        String lists = "GET /api/lists HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + SignedIn.newPerson(environment).authorization() + "\r\n\r\n";
        for (int connection = 0; connection < 10; connection++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), ANSWER_WITHIN_MILLIS);
                socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();

                // The second request arrives while the server is still on the first.
                out.write((lists + SETTINGS).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(status(in)).isEqualTo(200);
                assertThat(status(in)).isEqualTo(200);

                out.write(SETTINGS.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                int third;
                try {
                    third = status(in);
                } catch (SocketTimeoutException unread) {
                    throw new AssertionError("connection " + connection + ": the request after two sent together got no answer in "
                            + ANSWER_WITHIN_MILLIS / 1000 + " s", unread);
                }
                assertThat(third).isEqualTo(200);
            }
        }
    }

    /** Reads one answer (head, then a body of its Content-Length) and gives its status. */
    private static int status(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the connection closed before an answer: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(next);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        long length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        assertThat(head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)).doesNotContain("transfer-encoding: chunked");
        in.readNBytes((int) length);
        return Integer.parseInt(lines[0].split(" ")[1]);
    }
}
