package dev.livetodos.adapter.in.lambda;

import static dev.livetodos.adapter.in.lambda.WebSocketEvents.CONNECTION_ID;
import static dev.livetodos.adapter.in.lambda.WebSocketEvents.errorBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.domain.model.SubscriberId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class DisconnectFunctionTest {

    private final List<SubscriberId> unsubscribed = new CopyOnWriteArrayList<>();

    @Test
    void unsubscribesTheConnectionThatClosed() {
        DisconnectFunction disconnect = new DisconnectFunction(subscriber -> Mono.fromRunnable(() -> unsubscribed.add(subscriber)));

        APIGatewayV2WebSocketResponse response = disconnect.apply(WebSocketEvents.disconnect());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(unsubscribed).containsExactly(new SubscriberId(CONNECTION_ID));
    }

    @Test
    void givenUnsubscribingFails_thenAnswers500WithoutSayingWhy() {
        DisconnectFunction disconnect = new DisconnectFunction(subscriber -> Mono.error(
                new IllegalStateException("ProvisionedThroughputExceededException on connections-prod")));

        APIGatewayV2WebSocketResponse response = disconnect.apply(WebSocketEvents.disconnect());

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(errorBody(response).path("message").stringValue())
                .doesNotContain("ProvisionedThroughput", "connections-prod");
    }

    @Test
    void unsubscribesOnlyWhenTheUseCaseIsSubscribedTo() {
        List<String> steps = new CopyOnWriteArrayList<>();
        DisconnectFunction disconnect = new DisconnectFunction(subscriber -> {
            steps.add("called");
            return Mono.fromRunnable(() -> steps.add("ran"));
        });

        disconnect.apply(WebSocketEvents.disconnect());

        assertThat(steps).containsExactly("called", "ran");
    }
}
