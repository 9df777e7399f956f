package dev.livetodos.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Small helpers to speak the HTTP contract in tests: a write of a JSON body to the todos at {@code path}. */
final class Json {

    private Json() {
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, String path, String body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /**
     * Creates one todo per id at {@code path}, {@code concurrency} requests at a time, each with
     * the body {@code body} makes of its id; every one must be answered 201 within {@code patience}.
     */
    static void createAll(WebTestClient client, String path, List<String> ids, Function<String, String> body,
            int concurrency, Duration patience) {
        Flux.fromIterable(ids)
                .flatMap(id -> Mono.fromRunnable(() -> post(client, path, body.apply(id)).expectStatus().isCreated())
                        .subscribeOn(Schedulers.boundedElastic()), concurrency)
                .blockLast(patience);
    }

    static WebTestClient.ResponseSpec put(WebTestClient client, String path, String body) {
        return client.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static WebTestClient.ResponseSpec delete(WebTestClient client, String path, String body) {
        return client.method(org.springframework.http.HttpMethod.DELETE).uri(path)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
