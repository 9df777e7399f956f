package dev.livetodos.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.adapter.wire.ErrorMessage;
import dev.livetodos.adapter.wire.LiveJson;
import dev.livetodos.application.port.in.AnswerPingUseCase;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket API's {@code $default} route: every message a browser sends. The only one there
 * is, {@code {"type":"ping"}} (read as the local {@code /ws} reads it, {@link LiveJson#isPing}), is answered with a pong through the connection (the use case sends
 * it); anything else gets a 400 with {@code {"type":"error","message":…}}.
 */
public final class MessageFunction implements Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final Logger log = LoggerFactory.getLogger(MessageFunction.class);

    private final AnswerPingUseCase answerPing;
    private final Duration timeout;

    /** Waits at most 10 seconds for the answer to go out. */
    public MessageFunction(AnswerPingUseCase answerPing) {
        this(answerPing, WebSocketRoutes.DEFAULT_TIMEOUT);
    }

    public MessageFunction(AnswerPingUseCase answerPing, Duration timeout) {
        this.answerPing = Objects.requireNonNull(answerPing, "answerPing");
        this.timeout = WebSocketRoutes.checkTimeout(timeout);
    }

    @Override
    public APIGatewayV2WebSocketResponse apply(APIGatewayV2WebSocketEvent event) {
        if (event == null || !LiveJson.isPing(event.getBody())) {
            log.info("Connection {} sent a message that is not a ping",
                    WebSocketRoutes.connectionOf(event).map(Object::toString).orElse("(none)"));
            return WebSocketRoutes.badRequest(ErrorMessage.ONLY_PING_IS_UNDERSTOOD.message());
        }
        return WebSocketRoutes.call(event, timeout, log, "Answering the ping of", answerPing::answerPing);
    }
}
