package dev.livetodos.adapter.in.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.util.List;
import java.util.Objects;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /config.json}: where the browser app finds the todo API and the live changes. The
 * page reads it when it starts, so one build of the page runs against whichever server hosts it.
 * URLs may be relative ({@code /api/todos}, {@code /ws}); the page resolves them against its own
 * location, turning {@code http} into {@code ws} for the socket. Never cached, so a changed
 * setting reaches every page that is opened afterwards.
 *
 * <p>On AWS the page and its assets come from S3 behind CloudFront, not from this server: there
 * the deployment (CDK) writes a {@code config.json} of the same shape next to the assets, naming
 * the API and the API Gateway WebSocket URL.
 */
public final class BrowserConfigRoutes {

    static final String PATH = "/config.json";

    private final BrowserConfigJson config;

    /**
     * @param apiUrl       the todo collection, such as {@code /api/todos}
     * @param webSocketUrl where live changes are pushed, such as {@code /ws} or {@code wss://…/prod}
     */
    public BrowserConfigRoutes(String apiUrl, String webSocketUrl) {
        this.config = new BrowserConfigJson(apiUrl, webSocketUrl);
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(PATH, request -> JsonResponses.respond(ServerResponse.ok().cacheControl(CacheControl.noStore()), config))
                .route(path(PATH), request -> Mono.error(new MethodNotAllowedException(request.method(), List.of(HttpMethod.GET))))
                .build();
    }

    /** The file's content, exactly: the browser app validates it and refuses anything else. */
    record BrowserConfigJson(String apiUrl, String webSocketUrl) {

        BrowserConfigJson {
            requireNonBlank(apiUrl, "apiUrl");
            requireNonBlank(webSocketUrl, "webSocketUrl");
        }

        private static void requireNonBlank(String value, String name) {
            if (Objects.requireNonNull(value, name).isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
        }
    }
}
