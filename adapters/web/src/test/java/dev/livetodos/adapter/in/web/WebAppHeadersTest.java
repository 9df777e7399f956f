package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The filter over stand-ins for the server's files, its API and its errors. */
class WebAppHeadersTest {

    private final WebTestClient client = WebTestClient
            .bindToRouterFunction(RouterFunctions.route()
                    .GET("/", request -> ServerResponse.ok().bodyValue("<html>"))
                    .GET("/favicon.svg", request -> ServerResponse.ok().bodyValue("<svg/>"))
                    .GET("/assets/index-AbC123.js", request -> ServerResponse.ok().bodyValue("code"))
                    .GET("/assets/index-Old999.js", request -> ServerResponse.status(HttpStatus.NOT_MODIFIED).build())
                    .GET("/assets/{name}", request -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
                    .GET("/api/todos", request -> ServerResponse.ok().bodyValue("[]"))
                    .GET("/already-said", request -> ServerResponse.ok().cacheControl(CacheControl.noStore()).build())
                    .POST("/form", request -> ServerResponse.ok().build())
                    .build())
            .webFilter(new WebAppHeaders())
            .handlerStrategies(HandlerStrategies.builder().exceptionHandler(new ProblemDetailsExceptionHandler()).build())
            .build();

    @Test
    void keepsAHashedAssetForAYear() {
        client.get().uri("/assets/index-AbC123.js").exchange()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
        client.get().uri("/assets/index-Old999.js").exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
    }

    @Test
    void checksThePageAndOtherFilesWithTheServerEachTime() {
        client.get().uri("/").exchange().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
        client.get().uri("/favicon.svg").exchange().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Test
    void givenAMissingAsset_thenTheNotFoundIsNotKept() {
        client.get().uri("/assets/index-Gone00.js").exchange()
                .expectStatus().isNotFound()
                .expectHeader().doesNotExist(HttpHeaders.CACHE_CONTROL);
    }

    @Test
    void leavesTheApiAndWhatAlreadySaysHowToCacheIt() {
        client.get().uri("/api/todos").exchange().expectHeader().doesNotExist(HttpHeaders.CACHE_CONTROL);
        client.get().uri("/already-said").exchange().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
        client.post().uri("/form").exchange().expectHeader().doesNotExist(HttpHeaders.CACHE_CONTROL);
    }

    @Test
    void forbidsSniffingAndReferrersOnEveryAnswer() {
        for (String path : new String[] {"/", "/api/todos", "/assets/index-Gone00.js", "/nowhere"}) {
            HttpHeaders headers = client.get().uri(path).exchange().returnResult(byte[].class).getResponseHeaders();

            assertThat(headers.getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(headers.getFirst("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
    }
}
