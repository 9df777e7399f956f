package dev.livetodos.adapter.in.lambda;

import static dev.livetodos.adapter.in.lambda.WebSocketEvents.CONNECTION_ID;
import static dev.livetodos.adapter.in.lambda.WebSocketEvents.errorBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.domain.model.AllowedCallers;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.application.port.in.SubscribeCommand;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ConnectFunctionTest {

    /** The site's CloudFront URL, as infra configures it; the event files' pages come from there. */
    private static final AllowedCallers THE_SITE = new AllowedCallers(List.of(), List.of("https://d111111abcdef8.cloudfront.net"));

    /** The person connect.json's authorizer context vouches for. */
    private static final PersonId AUTHORIZED_PERSON = PersonId.of("3f1c2a7e-5b9d-4c1e-8a2f-6d0b9e4c7a15");

    private final List<SubscribeCommand> subscribed = new CopyOnWriteArrayList<>();

    private ConnectFunction subscribing(AllowedCallers callers) {
        return new ConnectFunction(command -> Mono.fromRunnable(() -> subscribed.add(command)), callers);
    }

    private static APIGatewayV2WebSocketEvent connectFrom(String origin) {
        APIGatewayV2WebSocketEvent event = WebSocketEvents.connect();
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("Origin");
        if (origin != null) {
            headers.put("origin", origin);
        }
        event.setHeaders(headers);
        return event;
    }

    @Test
    void givenAPageOfTheConfiguredSite_thenSubscribesTheConnectionAsTheAuthorizersPerson() {
        APIGatewayV2WebSocketResponse response = subscribing(THE_SITE).apply(WebSocketEvents.connect());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(subscribed).containsExactly(new SubscribeCommand(new SubscriberId(CONNECTION_ID), AUTHORIZED_PERSON));
    }

    @Test
    void givenAPageFromAnotherSite_thenAnswers403AndSubscribesNobody() {
        APIGatewayV2WebSocketResponse response = subscribing(THE_SITE).apply(connectFrom("https://evil.example"));

        assertThat(response.getStatusCode()).isEqualTo(403);
        errorBody(response);
        assertThat(subscribed).isEmpty();
    }

    @Test
    void givenNoSiteIsConfigured_thenEvenTheSitesPageIsRefused() {
        APIGatewayV2WebSocketResponse response = subscribing(AllowedCallers.loopbackAndAddresses()).apply(WebSocketEvents.connect());

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(subscribed).isEmpty();
    }

    @Test
    void givenAClientThatIsNoPage_thenSubscribes() {
        APIGatewayV2WebSocketResponse response = subscribing(THE_SITE).apply(connectFrom(null));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(subscribed).containsExactly(new SubscribeCommand(new SubscriberId(CONNECTION_ID), AUTHORIZED_PERSON));
    }

    @Test
    void givenNoAuthorizerVouchedForAPerson_thenAnswers403AndSubscribesNobody() {
        APIGatewayV2WebSocketEvent event = WebSocketEvents.connect();
        event.getRequestContext().setAuthorizer(null);

        APIGatewayV2WebSocketResponse response = subscribing(THE_SITE).apply(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        errorBody(response);
        assertThat(subscribed).isEmpty();
    }

    @Test
    void givenAnAuthorizerContextWithoutAPersonsId_thenAnswers403AndSubscribesNobody() {
        for (Map<String, Object> context : List.<Map<String, Object>>of(
                Map.of("principalId", "someone", "integrationLatency", 12),
                Map.of("personId", "MEMBER#forged/one"),
                Map.of("personId", 42))) {
            APIGatewayV2WebSocketEvent event = WebSocketEvents.connect();
            event.getRequestContext().setAuthorizer(context);

            APIGatewayV2WebSocketResponse response = subscribing(THE_SITE).apply(event);

            assertThat(response.getStatusCode()).as("%s", context).isEqualTo(403);
        }
        assertThat(subscribed).isEmpty();
    }

    @Test
    void readsThePersonTheAuthorizerLetIn() {
        assertThat(ConnectFunction.personOf(WebSocketEvents.connect()))
                .contains(new PersonId("3f1c2a7e-5b9d-4c1e-8a2f-6d0b9e4c7a15"));
    }

    @Test
    void givenSubscribingFails_thenAnswers500WithoutSayingWhy() {
        ConnectFunction connect = new ConnectFunction(subscriber -> Mono.error(
                new IllegalStateException("Table connections-prod in 123456789012 is being deleted")), THE_SITE);

        APIGatewayV2WebSocketResponse response = connect.apply(WebSocketEvents.connect());

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(errorBody(response).path("message").stringValue())
                .doesNotContain("connections-prod", "123456789012", "IllegalStateException");
    }

    @Test
    void givenSubscribingTakesLongerThanTheTimeout_thenAnswers500() {
        ConnectFunction connect = new ConnectFunction(subscriber -> Mono.never(), Duration.ofMillis(50), THE_SITE);

        APIGatewayV2WebSocketResponse response = connect.apply(WebSocketEvents.connect());

        assertThat(response.getStatusCode()).isEqualTo(500);
        errorBody(response);
    }

    @Test
    void givenAnEventWithoutConnection_thenAnswers400AndSubscribesNobody() {
        APIGatewayV2WebSocketEvent event = WebSocketEvents.connect();
        event.getRequestContext().setConnectionId(null);
        APIGatewayV2WebSocketResponse response = subscribing(THE_SITE).apply(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        errorBody(response);
        assertThat(subscribed).isEmpty();
    }

    @Test
    void refusesATimeoutThatIsNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConnectFunction(subscriber -> Mono.empty(), Duration.ZERO, THE_SITE));
    }
}
