package dev.livetodos.adapter.in.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
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

    private final String apiUrl;
    private final String webSocketUrl;
    private final Supplier<SignIn> signIn;

    /**
     * For a server that asks no one to sign in.
     *
     * @param apiUrl       the todo collection, such as {@code /api/todos}
     * @param webSocketUrl where live changes are pushed, such as {@code /ws} or {@code wss://…/prod}
     */
    public BrowserConfigRoutes(String apiUrl, String webSocketUrl) {
        this(apiUrl, webSocketUrl, (SignIn) null);
    }

    /**
     * @param signIn who signs people in to the page, or null when no one signs in
     */
    public BrowserConfigRoutes(String apiUrl, String webSocketUrl, SignIn signIn) {
        this(apiUrl, webSocketUrl, () -> signIn);
    }

    /**
     * @param signIn asked at each request who signs people in (null: no one), for an issuer that
     *               becomes known only after the routes are made (the local one starts after the API)
     */
    public BrowserConfigRoutes(String apiUrl, String webSocketUrl, Supplier<SignIn> signIn) {
        requireNonBlank(apiUrl, "apiUrl");
        requireNonBlank(webSocketUrl, "webSocketUrl");
        this.apiUrl = apiUrl;
        this.webSocketUrl = webSocketUrl;
        this.signIn = Objects.requireNonNull(signIn, "signIn");
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(PATH, request -> JsonResponses.respond(ServerResponse.ok().cacheControl(CacheControl.noStore()), config()))
                .route(path(PATH), request -> Mono.error(new MethodNotAllowedException(request.method(), List.of(HttpMethod.GET))))
                .build();
    }

    private BrowserConfigJson config() {
        SignIn current = signIn.get();
        return current == null
                ? new BrowserConfigJson(apiUrl, webSocketUrl, null, null, null, null)
                : new BrowserConfigJson(apiUrl, webSocketUrl, current.issuer(), current.clientId(), current.scope(),
                        current.signOutUrl());
    }

    /**
     * Where the page signs people in: the OpenID Connect issuer (the page reads its discovery
     * document), the page's client id there, the scopes to ask for (null: {@code openid profile}),
     * and where signing out ends for an issuer whose discovery names no end-session endpoint
     * (null when it does).
     */
    public record SignIn(String issuer, String clientId, String scope, String signOutUrl) {

        public SignIn {
            requireNonBlank(issuer, "issuer");
            requireNonBlank(clientId, "clientId");
        }
    }

    /** The file's content, exactly: the browser app validates it and refuses anything else. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BrowserConfigJson(String apiUrl, String webSocketUrl, String issuer, String clientId, String scope,
                             String signOutUrl) {

        BrowserConfigJson {
            requireNonBlank(apiUrl, "apiUrl");
            requireNonBlank(webSocketUrl, "webSocketUrl");
        }
    }

    private static void requireNonBlank(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
