package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Requests that break HTTP itself or a header the server reads, sent byte for byte to the real
 * server: each is answered with a problem detail, writes nothing, and logs no stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livetodos.in-memory=true")
@ExtendWith(OutputCaptureExtension.class)
class HttpEdgeProblemsTest {

    private static final byte[] CREATE = "{\"name\":\"Should not be stored\"}".getBytes(StandardCharsets.UTF_8);

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
        }
    }

    @Test
    void givenAContentTypeThatDoesNotParse_thenTheAnswerIs415AndTheLogHasNoStackTrace(CapturedOutput log) throws Exception {
        RawHttp.Answer answer = send("POST", "/api/todos", Map.of("Content-Type", "application/json, text/plain"), CREATE);

        assertThat(answer.status()).isEqualTo(415);
        assertProblem(answer, 415);
        assertThat(list()).doesNotContain("Should not be stored");
        assertThat(log.getAll()).doesNotContain("\tat ").doesNotContain("InvalidMediaTypeException");
    }

    @Test
    void givenAnAcceptThatDoesNotParse_thenTheAnswerIsAClientError(CapturedOutput log) throws Exception {
        RawHttp.Answer answer = send("GET", "/api/todos", Map.of("Accept", "application/json; charset=\""), new byte[0]);

        assertThat(answer.status()).isBetween(200, 499);
        assertThat(log.getAll()).doesNotContain("\tat ");
    }

    @Test
    void givenARequestTargetThatIsNotAUri_thenTheAnswerIsAProblem() throws Exception {
        RawHttp.Answer answer = send("GET", "/api/todos/%zz", Map.of(), new byte[0]);

        assertProblem(answer, 400);
    }

    @Test
    void givenARequestLinePastTheLimit_thenTheAnswerIs414AsAProblem() throws Exception {
        RawHttp.Answer answer = send("GET", "/api/todos/" + "x".repeat(10_000), Map.of(), new byte[0]);

        assertProblem(answer, 414);
    }

    @Test
    void givenHeadersPastTheLimit_thenTheAnswerIs431AsAProblem() throws Exception {
        RawHttp.Answer answer = send("GET", "/api/todos", Map.of("X-Padding", "p".repeat(20_000)), new byte[0]);

        assertProblem(answer, 431);
    }

    @Test
    void givenAHeaderLineWithoutAColon_thenTheAnswerIs400AsAProblem(CapturedOutput log) throws Exception {
        byte[] broken = ("POST /api/todos HTTP/1.1\r\nHost: localhost\r\nthis is no header\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + CREATE.length + "\r\nConnection: close\r\n\r\n"
                + new String(CREATE, StandardCharsets.UTF_8)).getBytes(StandardCharsets.ISO_8859_1);

        RawHttp.Answer answer = RawHttp.exchange(port, broken);

        assertProblem(answer, 400);
        assertThat(list()).doesNotContain("Should not be stored");
        assertThat(log.getAll()).doesNotContain("\tat ");
    }

    @Test
    void givenAHeadRequestThatFails_thenTheAnswerHasNoBody() throws Exception {
        RawHttp.Answer answer = send("HEAD", "/api/todos/%zz", Map.of(), new byte[0]);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEmpty();
    }

    /** Sends the request as the signed-in person, to {@code target} under their todos' path. */
    private RawHttp.Answer send(String method, String target, Map<String, String> headers, byte[] body) throws Exception {
        Map<String, String> signedIn = new LinkedHashMap<>(headers);
        signedIn.put("Authorization", person.authorization());
        return RawHttp.exchange(port, RawHttp.request(method, target.replaceFirst("^/api/todos", person.todos()), signedIn, body));
    }

    private String list() throws Exception {
        return send("GET", "/api/todos", Map.of(), new byte[0]).text();
    }

    private static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.text()).contains("\"status\":" + status).contains("\"title\"").contains("\"detail\"")
                .doesNotContain("Exception").doesNotContain("netty");
    }
}
