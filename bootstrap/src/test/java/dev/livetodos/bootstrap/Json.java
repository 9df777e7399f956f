package dev.livetodos.bootstrap;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Small helpers to speak the HTTP contract in tests: a write of a JSON body to the todos at {@code path}. */
final class Json {

    private Json() {
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, String path, String body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
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
