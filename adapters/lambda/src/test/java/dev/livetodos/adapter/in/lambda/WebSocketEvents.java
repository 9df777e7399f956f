package dev.livetodos.adapter.in.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API Gateway WebSocket events as Lambda's runtime reads them from the JSON API Gateway sends. */
final class WebSocketEvents {

    /** The connection every event file is about. */
    static final String CONNECTION_ID = "CrXbdc3yjoECJ2A=";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebSocketEvents() {
    }

    static APIGatewayV2WebSocketEvent connect() {
        return read("connect.json");
    }

    static APIGatewayV2WebSocketEvent disconnect() {
        return read("disconnect.json");
    }

    static APIGatewayV2WebSocketEvent message(String body) {
        APIGatewayV2WebSocketEvent event = read("ping.json");
        event.setBody(body);
        return event;
    }

    /** The event API Gateway sends the {@code $connect} route's REQUEST authorizer, with this ticket in the URL. */
    static APIGatewayCustomAuthorizerEvent authorize(String ticket) {
        APIGatewayCustomAuthorizerEvent event = read("authorize.json", APIGatewayCustomAuthorizerEvent.class);
        event.setQueryStringParameters(ticket == null ? Map.of() : Map.of("ticket", ticket));
        return event;
    }

    static APIGatewayV2WebSocketEvent read(String name) {
        return read(name, APIGatewayV2WebSocketEvent.class);
    }

    static <T> T read(String name, Class<T> type) {
        try (InputStream json = WebSocketEvents.class.getResourceAsStream("/events/" + name)) {
            return LambdaEventSerializers.serializerFor(type, WebSocketEvents.class.getClassLoader()).fromJson(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of an error answer, after checking it has exactly the two fields a browser expects. */
    static JsonNode errorBody(APIGatewayV2WebSocketResponse response) {
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("type", "message");
        assertThat(body.path("type").stringValue()).isEqualTo("error");
        assertThat(body.path("message").stringValue()).isNotBlank();
        return body;
    }
}
