package dev.livetodos.bootstrap;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Small helpers to speak the HTTP contract in tests. */
final class Json {

    private Json() {
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, String body) {
        return client.post().uri("/api/todos").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static WebTestClient.ResponseSpec put(WebTestClient client, String body) {
        return client.put().uri("/api/todos").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static WebTestClient.ResponseSpec delete(WebTestClient client, String body) {
        return client.method(org.springframework.http.HttpMethod.DELETE).uri("/api/todos")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
