package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import tools.jackson.databind.JsonNode;

class ApiDocumentRoutesTest {

    private final WebTestClient client = WebTestClient.bindToRouterFunction(new ApiDocumentRoutes().routes())
            .handlerStrategies(HandlerStrategies.empty().exceptionHandler(new ProblemDetailsExceptionHandler()).build())
            .build();

    @Test
    void servesTheDocumentAsJsonThatCachesMayKeepForFiveMinutes() {
        var response = client.get().uri("/v3/api-docs").exchange();

        byte[] body = response.expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=300, public")
                .expectHeader().valueMatches(HttpHeaders.ETAG, "\"[A-Za-z0-9_-]{43}\"")
                .expectBody().returnResult().getResponseBody();
        JsonNode document = StrictJson.MAPPER.readTree(body);
        assertThat(document.path("openapi").asString()).matches("3\\.1\\.\\d+");
        assertThat(document.path("paths").propertyNames()).contains("/api/lists/{listId}/todos", "/api/lists/{listId}/changes",
                "/api/live/tickets", "/config.json", "/v3/api-docs");
    }

    @Test
    void givenTheCopysETag_thenItIsStillGood() {
        String etag = client.get().uri("/v3/api-docs").exchange().returnResult(byte[].class).getResponseHeaders().getETag();

        var response = client.get().uri("/v3/api-docs").header(HttpHeaders.IF_NONE_MATCH, etag).exchange();

        response.expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectBody().isEmpty();
    }

    @Test
    void givenAnotherETag_thenTheDocumentIsSent() {
        var response = client.get().uri("/v3/api-docs").header(HttpHeaders.IF_NONE_MATCH, "\"an-older-one\"").exchange();

        response.expectStatus().isOk().expectBody().jsonPath("$.openapi").exists();
    }

    @Test
    void isReadOnly() {
        var response = client.method(HttpMethod.POST).uri("/v3/api-docs").exchange();

        response.expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
