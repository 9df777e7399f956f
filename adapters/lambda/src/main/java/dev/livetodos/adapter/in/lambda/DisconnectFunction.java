package dev.livetodos.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.application.port.in.UnsubscribeUseCase;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket API's {@code $disconnect} route: the connection has closed and is unsubscribed.
 * API Gateway sends this on a best-effort basis; a connection it misses is forgotten on the first
 * send that finds it gone, or when its registration expires.
 */
public final class DisconnectFunction implements Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final Logger log = LoggerFactory.getLogger(DisconnectFunction.class);

    private final UnsubscribeUseCase unsubscribe;
    private final Duration timeout;

    /** Waits at most 10 seconds for the unsubscription. */
    public DisconnectFunction(UnsubscribeUseCase unsubscribe) {
        this(unsubscribe, WebSocketRoutes.DEFAULT_TIMEOUT);
    }

    public DisconnectFunction(UnsubscribeUseCase unsubscribe, Duration timeout) {
        this.unsubscribe = Objects.requireNonNull(unsubscribe, "unsubscribe");
        this.timeout = WebSocketRoutes.checkTimeout(timeout);
    }

    @Override
    public APIGatewayV2WebSocketResponse apply(APIGatewayV2WebSocketEvent event) {
        return WebSocketRoutes.call(event, timeout, log, "Unsubscribing", unsubscribe::unsubscribe);
    }
}
