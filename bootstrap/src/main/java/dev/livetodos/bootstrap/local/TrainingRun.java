package dev.livetodos.bootstrap.local;

import dev.livetodos.bootstrap.LocalMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The build's class-data sharing training run ({@code livetodos.training-run=true}): once the
 * server is ready it does what a first visitor does before signing in (the page, its settings,
 * the API's refusal without a token), then stops the application and exits, so the archive the JVM writes at exit holds the
 * classes a first request needs as well as those of starting up.
 */
@Component
@Conditional(LocalMode.class)
@ConditionalOnProperty(name = "livetodos.training-run", havingValue = "true")
class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        String port = ready.getApplicationContext().getEnvironment().getRequiredProperty("local.server.port");
        int exitCode = visited(URI.create("http://127.0.0.1:" + port + "/")) ? 0 : 1;
        System.exit(SpringApplication.exit(ready.getApplicationContext(), () -> exitCode));
    }

    private static boolean visited(URI base) {
        try {
            visit(base);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("The training run failed: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void visit(URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        URI lists = base.resolve("api/lists");
        expect(http, HttpRequest.newBuilder(base).GET(), 200);
        expect(http, HttpRequest.newBuilder(base.resolve("config.json")).GET(), 200);
        // Version 2's API asks for a token, which this run has none of: its refusals (the
        // security chain, the problem details) are what a first visitor meets before signing in.
        expect(http, HttpRequest.newBuilder(lists).GET(), 401);
        expect(http, json(base.resolve("api/lists/mine/todos"), "POST", "{\"name\":\"Train the class cache\"}"), 401);
    }

    private static HttpRequest.Builder json(URI uri, String method, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private static void expect(HttpClient http, HttpRequest.Builder request, int status)
            throws IOException, InterruptedException {
        HttpRequest sent = request.timeout(TIMEOUT).build();
        int answered = http.send(sent, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (answered != status) {
            throw new IllegalStateException(sent.method() + " " + sent.uri().getPath() + " answered " + answered + ", not " + status);
        }
    }
}
