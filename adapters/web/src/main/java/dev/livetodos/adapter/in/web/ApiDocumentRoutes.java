package dev.livetodos.adapter.in.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code GET /v3/api-docs}: the OpenAPI 3.1 document of this API, for tools and people, without
 * a token. The document is written by hand ({@value #DOCUMENT}, YAML for reading) rather than
 * derived from the routes: it says what the contract is (patterns, limits, every problem), and
 * the bootstrap tests check every answer they get against it, so it cannot drift from the server.
 * It is read and turned into JSON once, when the routes are made; a broken document stops the
 * server from starting rather than answering an error later.
 *
 * <p>Kept by caches for five minutes, then revalidated by its {@code ETag} (a hash of the
 * bytes), so a deploy that changes it reaches every reader soon, and an unchanged one costs a 304.
 */
public final class ApiDocumentRoutes {

    static final String PATH = "/v3/api-docs";
    /** The document on the class path, the source of what is served. */
    public static final String DOCUMENT = "openapi/livetodos-api.yaml";

    private static final CacheControl CACHING = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final byte[] json;
    private final String etag;

    public ApiDocumentRoutes() {
        this.json = StrictJson.MAPPER.writeValueAsBytes(read());
        this.etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(json)) + "\"";
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(PATH, this::document)
                .route(path(PATH), request -> Mono.error(new MethodNotAllowedException(request.method(), List.of(HttpMethod.GET))))
                .build();
    }

    private Mono<ServerResponse> document(ServerRequest request) {
        // A 304 when the If-None-Match names this document, otherwise (empty) the document.
        return request.checkNotModified(etag)
                .switchIfEmpty(Mono.defer(() -> ServerResponse.ok()
                        .eTag(etag)
                        .cacheControl(CACHING)
                        .contentType(MediaType.APPLICATION_JSON)
                        .contentLength(json.length)
                        .body(JsonResponses.bytes(json))));
    }

    /** The document as the class path holds it. */
    static JsonNode read() {
        try (InputStream in = ApiDocumentRoutes.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the class path");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
