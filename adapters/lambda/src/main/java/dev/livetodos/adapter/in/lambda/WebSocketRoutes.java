package dev.livetodos.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.adapter.wire.ErrorMessage;
import dev.livetodos.adapter.wire.LiveJson;
import dev.livetodos.domain.model.AllowedCallers;
import dev.livetodos.domain.model.SubscriberId;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;

/**
 * What the WebSocket route functions share: which connection an event is about, its headers,
 * calling a use case for it, and the answers API Gateway gets. A function runs inside Lambda, one event at
 * a time, so waiting for the use case is what it is there for. Answers never carry internals.
 */
final class WebSocketRoutes {

    /** Well inside API Gateway's 29-second integration timeout. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private WebSocketRoutes() {
    }

    static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
        }
        return timeout;
    }

    static Optional<SubscriberId> connectionOf(APIGatewayV2WebSocketEvent event) {
        if (event == null || event.getRequestContext() == null) {
            return Optional.empty();
        }
        String connectionId = event.getRequestContext().getConnectionId();
        return connectionId == null || connectionId.isBlank() ? Optional.empty() : Optional.of(new SubscriberId(connectionId));
    }

    /** The first value of the request header, whatever case API Gateway passed its name in; null when absent. */
    static String header(APIGatewayV2WebSocketEvent event, String name) {
        return event == null ? null : header(event.getHeaders(), name);
    }

    /** The value of the header in headers as API Gateway passes them, whatever the case of its name; null when absent. */
    static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(header -> header.getKey() != null && header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /**
     * Whether the page behind the handshake may watch ({@link AllowedCallers#allowsOrigin}, the rule
     * the local server applies): API Gateway ends TLS, so the scheme is {@code X-Forwarded-Proto}'s.
     */
    static boolean fromAllowedPage(Map<String, String> headers, AllowedCallers callers) {
        String scheme = Objects.requireNonNullElse(header(headers, "X-Forwarded-Proto"), "https");
        return callers.allowsOrigin(header(headers, "Origin"), scheme, header(headers, "Host"));
    }

    /** A value a client sent, fit for one log line: printable, quoted, at most 100 characters. */
    static String abbreviate(String text) {
        if (text == null) {
            return "(none)";
        }
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return '"' + (printable.length() <= 100 ? printable : printable.substring(0, 100) + "…") + '"';
    }

    /** Calls the use case for the connection the event is about and waits for it to finish. */
    static APIGatewayV2WebSocketResponse call(APIGatewayV2WebSocketEvent event, Duration timeout, Logger log,
                                              String doing, Function<SubscriberId, Mono<Void>> useCase) {
        Optional<SubscriberId> connection = connectionOf(event);
        if (connection.isEmpty()) {
            log.warn("{}: the event names no connection", doing);
            return badRequest("The event names no connection.");
        }
        SubscriberId subscriber = connection.get();
        try {
            useCase.apply(subscriber).block(timeout);
            return ok();
        } catch (RuntimeException e) {
            // One line, as the stream handler logs: a stack trace would spread over many log events.
            log.error("{} connection {} failed: {}", doing, subscriber, e.toString());
            return failed();
        }
    }

    static APIGatewayV2WebSocketResponse ok() {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        return response;
    }

    static APIGatewayV2WebSocketResponse badRequest(String message) {
        return error(400, message);
    }

    static APIGatewayV2WebSocketResponse forbidden(String message) {
        return error(403, message);
    }

    static APIGatewayV2WebSocketResponse failed() {
        return error(500, "Something went wrong on our side. Please try again.");
    }

    private static APIGatewayV2WebSocketResponse error(int status, String message) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        response.setHeaders(Map.of("Content-Type", "application/json"));
        response.setBody(LiveJson.write(new ErrorMessage(message)));
        return response;
    }
}
