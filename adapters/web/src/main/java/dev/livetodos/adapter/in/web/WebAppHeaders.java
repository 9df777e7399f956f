package dev.livetodos.adapter.in.web;

import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Headers on every answer: browsers must not guess content types, and no page address leaks to
 * other sites. And how long a browser may keep the web app's files: the bundler names each file
 * under {@code /assets/} after a hash of its content, so such a file never changes and is kept for
 * a year; every other file, the page above all, is checked with the server on each use, so a new
 * deploy is picked up at once. The API's answers and anything that already says how it may be
 * cached (such as {@code /config.json}) are left as they are.
 */
public final class WebAppHeaders implements WebFilter {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    private static final String ASSETS = "/assets/";
    private static final String API = "/api/";
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Decided when the answer is written: only then is it known whether a file was found.
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> addHeaders(exchange)));
        return chain.filter(exchange);
    }

    private static void addHeaders(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        String path = request.getPath().pathWithinApplication().value();
        if (READS.contains(request.getMethod()) && isFound(response.getStatusCode())
                && !path.startsWith(API) && !headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, path.startsWith(ASSETS) ? IMMUTABLE : REVALIDATE);
        }
    }

    /** A file was sent, or the browser's copy is still good; never an error, which may change. */
    private static boolean isFound(HttpStatusCode status) {
        return status == null || status.is2xxSuccessful() || status.value() == 304;
    }
}
