package dev.livetodos.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.application.port.in.SubscribeUseCase;
import java.lang.System.Logger;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The WebSocket API's {@code $connect} route: the connection is subscribed before API Gateway
 * completes the handshake. Anything but 200 makes API Gateway refuse the connection, and the
 * browser tries again.
 */
public final class ConnectFunction implements Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final Logger log = System.getLogger(ConnectFunction.class.getName());

    private final SubscribeUseCase subscribe;
    private final Duration timeout;

    /** Waits at most 10 seconds for the subscription. */
    public ConnectFunction(SubscribeUseCase subscribe) {
        this(subscribe, WebSocketRoutes.DEFAULT_TIMEOUT);
    }

    public ConnectFunction(SubscribeUseCase subscribe, Duration timeout) {
        this.subscribe = Objects.requireNonNull(subscribe, "subscribe");
        this.timeout = WebSocketRoutes.checkTimeout(timeout);
    }

    @Override
    public APIGatewayV2WebSocketResponse apply(APIGatewayV2WebSocketEvent event) {
        return WebSocketRoutes.call(event, timeout, log, "Subscribing", subscribe::subscribe);
    }
}
