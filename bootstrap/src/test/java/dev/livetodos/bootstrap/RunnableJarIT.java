package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * livetodos.jar as a person runs it: {@code java -jar}, a browser page, WebSocket clients, and a
 * Ctrl+C (SIGTERM) that ends it. Its own JVM, so stopping it touches no other test's server.
 */
class RunnableJarIT {


    private Process server;
    private int port;
    private JarProcess jar;

    @BeforeEach
    void start() throws IOException {
        // A shutdown phase that waited for open connections would now wait ten minutes.
        jar = JarProcess.start(Duration.ofSeconds(120), "--livetodos.in-memory=true",
                "--spring.lifecycle.timeout-per-shutdown-phase=10m");
        server = jar.process();
        port = jar.port();
    }

    @AfterEach
    void stop() {
        server.destroyForcibly();
    }

    @Test
    void servesTheBrowserAppAndItsRuntimeConfig() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/config.json")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"root\"></div>").containsPattern("/assets/index-[\\w-]+\\.js");
        assertThat(config.body()).startsWith("{\"apiUrl\":\"/api\",\"webSocketUrl\":\"/ws\",\"issuer\":\"http://")
                .contains("\"clientId\":\"livetodos-web\"");
    }

    @Test
    void givenConnectedBrowsers_whenStoppedWithSigterm_thenTheyAreToldAndItExitsWithoutWaitingForThem() throws Exception {
        SignedIn person = SignedIn.newPerson(port);
        List<LiveClient> browsers = List.of(person.connect(), person.connect());

        server.destroy(); // SIGTERM, as Ctrl+C or a service manager sends

        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("exited within a minute; output:\n%s", jar.output()).isTrue();
        for (LiveClient browser : browsers) {
            assertThat(browser.closeCode()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(1001);
        }
    }
}
