package dev.livetodos.adapter.in.lambda;

import static dev.livetodos.adapter.in.lambda.WebSocketEvents.CONNECTION_ID;
import static dev.livetodos.adapter.in.lambda.WebSocketEvents.errorBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.domain.model.SubscriberId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ConnectFunctionTest {

    private final List<SubscriberId> subscribed = new CopyOnWriteArrayList<>();

    @Test
    void subscribesTheConnectionThatOpened() {
        ConnectFunction connect = new ConnectFunction(subscriber -> Mono.fromRunnable(() -> subscribed.add(subscriber)));

        APIGatewayV2WebSocketResponse response = connect.apply(WebSocketEvents.connect());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(subscribed).containsExactly(new SubscriberId(CONNECTION_ID));
    }

    @Test
    void givenSubscribingFails_thenAnswers500WithoutSayingWhy() {
        ConnectFunction connect = new ConnectFunction(subscriber -> Mono.error(
                new IllegalStateException("Table connections-prod in 123456789012 is being deleted")));

        APIGatewayV2WebSocketResponse response = connect.apply(WebSocketEvents.connect());

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(errorBody(response).path("message").stringValue())
                .doesNotContain("connections-prod", "123456789012", "IllegalStateException");
    }

    @Test
    void givenSubscribingTakesLongerThanTheTimeout_thenAnswers500() {
        ConnectFunction connect = new ConnectFunction(subscriber -> Mono.never(), Duration.ofMillis(50));

        APIGatewayV2WebSocketResponse response = connect.apply(WebSocketEvents.connect());

        assertThat(response.getStatusCode()).isEqualTo(500);
        errorBody(response);
    }

    @Test
    void givenAnEventWithoutConnection_thenAnswers400AndSubscribesNobody() {
        APIGatewayV2WebSocketEvent event = WebSocketEvents.connect();
        event.getRequestContext().setConnectionId(null);
        ConnectFunction connect = new ConnectFunction(subscriber -> Mono.fromRunnable(() -> subscribed.add(subscriber)));

        APIGatewayV2WebSocketResponse response = connect.apply(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        errorBody(response);
        assertThat(subscribed).isEmpty();
    }

    @Test
    void refusesATimeoutThatIsNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConnectFunction(subscriber -> Mono.empty(), Duration.ZERO));
    }
}
