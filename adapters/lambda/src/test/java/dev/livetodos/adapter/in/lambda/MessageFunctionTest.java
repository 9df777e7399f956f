package dev.livetodos.adapter.in.lambda;

import static dev.livetodos.adapter.in.lambda.WebSocketEvents.CONNECTION_ID;
import static dev.livetodos.adapter.in.lambda.WebSocketEvents.errorBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.domain.model.SubscriberId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

class MessageFunctionTest {

    private final List<SubscriberId> pinged = new CopyOnWriteArrayList<>();
    private final MessageFunction messages = new MessageFunction(subscriber -> Mono.fromRunnable(() -> pinged.add(subscriber)));

    @Test
    void answersAPingFromTheConnectionThatSentIt() {
        APIGatewayV2WebSocketResponse response = messages.apply(WebSocketEvents.read("ping.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(pinged).containsExactly(new SubscriberId(CONNECTION_ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            " {\n  \"type\" : \"ping\"\n}\n",
            "{\"type\":\"ping\",\"sentAt\":\"2026-11-23T10:01:05Z\"}",
            "{\"id\":7,\"type\":\"ping\",\"extra\":{\"nested\":[1,2]}}"})
    void toleratesWhitespaceAndExtraFieldsInAPing(String body) {
        APIGatewayV2WebSocketResponse response = messages.apply(WebSocketEvents.message(body));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(pinged).containsExactly(new SubscriberId(CONNECTION_ID));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "", "   ", "ping", "\"ping\"", "null", "[{\"type\":\"ping\"}]",
            "{\"type\":\"pong\"}", "{\"type\":\"PING\"}", "{\"type\":1}", "{\"type\":null}", "{\"kind\":\"ping\"}",
            "{\"type\":\"ping\"", "{\"type\":\"ping\"} {\"type\":\"ping\"}", "{\"type\":\"ping\",}"})
    void givenAnythingButAPing_thenAnswers400AndPingsNobody(String body) {
        APIGatewayV2WebSocketResponse response = messages.apply(WebSocketEvents.message(body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorBody(response).path("message").stringValue()).contains("ping");
        assertThat(pinged).isEmpty();
    }

    @Test
    void givenAnsweringFails_thenAnswers500WithoutSayingWhy() {
        MessageFunction failing = new MessageFunction(subscriber -> Mono.error(
                new IllegalStateException("ForbiddenException: execute-api:ManageConnections denied for role livetodos-ws")));

        APIGatewayV2WebSocketResponse response = failing.apply(WebSocketEvents.read("ping.json"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("Forbidden", "ManageConnections", "livetodos-ws", "IllegalState");
        errorBody(response);
    }

    @Test
    void givenAnsweringTakesLongerThanTheTimeout_thenAnswers500() {
        MessageFunction slow = new MessageFunction(subscriber -> Mono.never(), Duration.ofMillis(50));

        APIGatewayV2WebSocketResponse response = slow.apply(WebSocketEvents.read("ping.json"));

        assertThat(response.getStatusCode()).isEqualTo(500);
    }
}
