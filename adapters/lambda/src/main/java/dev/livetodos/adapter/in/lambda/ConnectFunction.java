package dev.livetodos.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.application.port.in.SubscribeUseCase;
import dev.livetodos.domain.model.AllowedCallers;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The WebSocket API's {@code $connect} route: the connection is subscribed before API Gateway
 * completes the handshake. Anything but 200 makes API Gateway refuse the connection, and the
 * browser tries again. A page from a site that is not allowed ({@link AllowedCallers#allowsOrigin},
 * the same rule the local server applies) is refused with 403 and never subscribed.
 */
public final class ConnectFunction implements Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final Logger log = System.getLogger(ConnectFunction.class.getName());

    private final SubscribeUseCase subscribe;
    private final Duration timeout;
    private final AllowedCallers callers;

    /** Waits at most 10 seconds for the subscription; only loopback pages (and clients that are no page) connect. */
    public ConnectFunction(SubscribeUseCase subscribe) {
        this(subscribe, WebSocketRoutes.DEFAULT_TIMEOUT, AllowedCallers.loopbackAndAddresses());
    }

    /** Waits at most 10 seconds for the subscription. */
    public ConnectFunction(SubscribeUseCase subscribe, AllowedCallers callers) {
        this(subscribe, WebSocketRoutes.DEFAULT_TIMEOUT, callers);
    }

    public ConnectFunction(SubscribeUseCase subscribe, Duration timeout, AllowedCallers callers) {
        this.subscribe = Objects.requireNonNull(subscribe, "subscribe");
        this.timeout = WebSocketRoutes.checkTimeout(timeout);
        this.callers = Objects.requireNonNull(callers, "callers");
    }

    @Override
    public APIGatewayV2WebSocketResponse apply(APIGatewayV2WebSocketEvent event) {
        String origin = WebSocketRoutes.header(event, "Origin");
        String scheme = Objects.requireNonNullElse(WebSocketRoutes.header(event, "X-Forwarded-Proto"), "https");
        if (!callers.allowsOrigin(origin, scheme, WebSocketRoutes.header(event, "Host"))) {
            log.log(Level.INFO, "Refused a connection from a page at {0}", WebSocketRoutes.abbreviate(origin));
            return WebSocketRoutes.forbidden("Live changes are only sent to pages of this site.");
        }
        return WebSocketRoutes.call(event, timeout, log, "Subscribing", subscribe::subscribe);
    }
}
