package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
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
 * Random requests against the real server, as a hostile or broken client sends them: odd
 * methods, paths, header values and bodies, sent byte for byte. Whatever arrives, the server
 * never answers 5xx, every error is a problem detail, a refused request changes nothing, and
 * nothing a client sends puts a stack trace in the log. The seed is printed with any failure;
 * {@code -Dfuzz.seed=…} repeats a run, {@code -Dfuzz.requests=…} changes its length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livetodos.in-memory=true")
@ExtendWith(OutputCaptureExtension.class)
class HttpFuzzTest {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 600);

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "FOO", "get", "PROPFIND");

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json, text/plain",
            "application/json; charset=utf-8", "text/plain", "application/json;;", "garbage", "", "*/*",
            "application/json; charset=\"", "a/b/c", "application/problem+json", "application/json; charset=nope",
            "application/json; q=1; q=2", "/json", "application/", ";", "multipart/form-data; boundary=");

    private static final List<String> ACCEPTS = List.of("application/json", "text/html", "application/xml", "garbage",
            "*/*;q=abc", ",,,", "application/json;q=2", "", "text/*, */*;q=0", "application/problem+json", "a/b/c",
            "application/json; charset=\"");

    private static final List<String> OTHER_HEADERS = List.of("If-None-Match: junk", "If-Modified-Since: yesterday",
            "Range: bytes=abc", "Accept-Encoding: junk;q=x", "Accept-Language: ;;;", "Origin: null",
            "Cookie: =;=;", "Authorization: Bearer x.y.z", "X-Forwarded-For: ::::", "Forwarded: for=\"",
            "Expect: 100-continue", "Transfer-Encoding: identity", "Content-Encoding: gzip", "Upgrade: websocket",
            "Connection: Upgrade, close", "Sec-WebSocket-Version: 99");

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private Environment environment;

    private SignedIn person;

    @BeforeEach
    void signIn() {
        person = SignedIn.newPerson(environment);
    }

    @Test
    void givenRandomRequests_thenNoServerErrorAndNothingChangesOnARefusal(CapturedOutput log) throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        String list = currentList();
        int serverErrors = 0;
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
            String method = pick(random, METHODS);
            String target = target(random);
            Map<String, String> headers = headers(random);
            // Mostly the person's own token, as a page sends it; else none, or a junk one from the headers above.
            if (random.nextInt(4) > 0) {
                headers.putIfAbsent("Authorization", person.authorization());
            }
            byte[] body = body(random);
            RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.request(method, target, headers, body));
            String request = method + " " + abbreviate(target) + " " + headers.keySet();

            if (answer.status() >= 500) {
                serverErrors++;
                failures.add(request + " -> " + answer.status() + " " + abbreviate(answer.text()));
            }
            if (answer.status() >= 400 && !"HEAD".equals(method)
                    && !answer.contentType().startsWith("application/problem+json")) {
                failures.add(request + " -> " + answer.status() + " as '" + answer.contentType() + "'");
            }
            String after = currentList();
            if (answer.status() >= 400 && !after.equals(list)) {
                failures.add(request + " -> " + answer.status() + " but the list changed");
            }
            list = after;
        }

        assertThat(failures).as("seed %d: %d server errors; failures", seed, serverErrors).isEmpty();
        assertThat(log.getAll()).as("seed %d: stack traces in the log", seed).doesNotContain("\tat ");
    }

    private String currentList() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.request("GET", person.todos(),
                Map.of("Authorization", person.authorization()), new byte[0]));
        assertThat(answer.status()).as("the list is readable").isEqualTo(200);
        return answer.text();
    }

    /** A request target, mostly under the person's todos. */
    private String target(Random random) {
        String id = UUID.randomUUID().toString();
        String todos = person.todos();
        List<Supplier<String>> targets = List.of(
                () -> todos,
                () -> todos,
                () -> todos + "/" + id,
                () -> todos + "/" + junk(random, 1 + random.nextInt(40)),
                () -> todos + "?" + junk(random, 1 + random.nextInt(40)),
                () -> todos + "/%00",
                () -> todos + "/..%2f..%2fetc",
                () -> todos + "/%zz",
                () -> todos.replace("/", "//"),
                () -> todos + "/" + "x".repeat(65 + random.nextInt(2_000)),
                () -> "/api/live/tickets",
                () -> "/",
                () -> "/config.json",
                () -> "/ws",
                () -> "/assets/" + id + ".js",
                () -> "/" + junk(random, 1 + random.nextInt(20)),
                () -> "*",
                () -> "http://localhost" + todos);
        return pick(random, targets).get();
    }

    private static Map<String, String> headers(Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(4) > 0) {
            headers.put("Content-Type", pick(random, CONTENT_TYPES));
        }
        if (random.nextBoolean()) {
            headers.put("Accept", pick(random, ACCEPTS));
        }
        if (random.nextInt(3) == 0) {
            String header = pick(random, OTHER_HEADERS);
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon), header.substring(colon + 2));
        }
        return headers;
    }

    private static byte[] body(Random random) {
        String name = "Fuzzed " + UUID.randomUUID();
        List<Supplier<byte[]>> bodies = List.of(
                () -> new byte[0],
                () -> utf8("{\"name\":\"" + name + "\"}"),
                () -> utf8("{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"" + name + "\",\"status\":\"completed\"}"),
                () -> utf8("[{\"id\":\"" + UUID.randomUUID() + "\",\"changes\":{\"name\":\"x\"}}]"),
                () -> utf8("[\"" + UUID.randomUUID() + "\"]"),
                () -> utf8("{\"name\":" + random.nextLong() + "}"),
                () -> utf8("{\"name\":\"x\",\"status\":\"bogus\"}"),
                () -> utf8("{\"name\":\"x\",\"extra\":true}"),
                () -> utf8("[".repeat(1 + random.nextInt(5_000))),
                () -> utf8("{\"a\":".repeat(1 + random.nextInt(2_000))),
                () -> utf8("{\"name\":\"" + "y".repeat(70_000) + "\"}"),
                () -> new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                () -> randomBytes(random, 1 + random.nextInt(300)),
                () -> utf8(junk(random, 1 + random.nextInt(200))),
                () -> utf8("null"),
                () -> utf8("{\"name\":\"ok\"} trailing"),
                () -> utf8("[{\"id\":\"a\",\"changes\":{},\"version\":-1}]"),
                () -> utf8("{\"name\":\"\\ud800\"}"));
        return pick(random, bodies).get();
    }

    /** Printable ASCII and some of what breaks parsers: quotes, percent signs, semicolons, spaces. */
    private static String junk(Random random, int length) {
        String alphabet = "abcXYZ019-_~.%;,=&?#\"'<>{}[]\\|^`@!$()*+:/ ";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        // A space or '#' in a request target is not HTTP; keep the line parseable most of the time.
        return text.toString().replace(' ', '+').replace("#", "%23");
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
