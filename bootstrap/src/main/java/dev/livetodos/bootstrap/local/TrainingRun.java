package dev.livetodos.bootstrap.local;

import dev.livetodos.bootstrap.LocalMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
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
 * server is ready it does what a first visitor does (the page, the list, a create, an update, a
 * delete), then stops the application and exits, so the archive the JVM writes at exit holds the
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
        String id = UUID.randomUUID().toString();
        URI todos = base.resolve("api/todos");
        expect(http, HttpRequest.newBuilder(base).GET(), 200);
        expect(http, HttpRequest.newBuilder(base.resolve("config.json")).GET(), 200);
        expect(http, HttpRequest.newBuilder(todos).GET(), 200);
        expect(http, json(todos, "POST", "{\"id\":\"" + id + "\",\"name\":\"Train the class cache\"}"), 201);
        expect(http, json(todos, "PUT", "[{\"id\":\"" + id + "\",\"changes\":{\"status\":\"completed\"},\"version\":1}]"), 200);
        expect(http, json(todos, "PUT", "[{\"id\":\"" + id + "\",\"changes\":{\"name\":\"Stale\"},\"version\":1}]"), 409);
        expect(http, json(todos, "DELETE", "[\"" + id + "\"]"), 200);
        expect(http, HttpRequest.newBuilder(todos).GET(), 200);
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
