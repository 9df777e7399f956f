package dev.livetodos.bootstrap;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.livetodos.adapter.in.lambda.ConnectFunction;
import dev.livetodos.adapter.in.lambda.DisconnectFunction;
import dev.livetodos.adapter.in.lambda.MessageFunction;
import dev.livetodos.adapter.in.lambda.TicketAuthorizerFunction;
import dev.livetodos.adapter.out.apigateway.ApiGatewaySubscribers;
import dev.livetodos.adapter.out.apigateway.DynamoDbPendingDeliveries;
import dev.livetodos.application.port.in.AnswerPingUseCase;
import dev.livetodos.application.port.in.RedeemTicketUseCase;
import dev.livetodos.application.service.SubscriptionService;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Live changes on AWS: API Gateway holds the WebSockets, a connections table remembers them,
 * and these functions serve the WebSocket API's routes. Each Lambda picks one function with
 * {@code spring_cloud_function_definition}: {@code authorizeConnect} (the {@code $connect} route's
 * authorizer), {@code connect}, {@code disconnect}, {@code message} or {@code todoStream}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional({LocalMode.Off.class, LocalMode.LiveChanges.class})
class AwsLiveChangesConfiguration {

    @Bean(destroyMethod = "close")
    ApiGatewayManagementApiAsyncClient apiGatewayManagementApiAsyncClient(StoreConnection store, LivetodosProperties properties) {
        if (properties.websocketEndpoint() == null) {
            throw new IllegalStateException("livetodos.websocket-endpoint must be set along with livetodos.connections-table");
        }
        var builder = ApiGatewayManagementApiAsyncClient.builder()
                .endpointOverride(properties.websocketEndpoint())
                .credentialsProvider(store.credentials())
                // Throttling and 5xx are retried by the SDK's standard strategy within this time;
                // a connection that still cannot be reached counts as a failed delivery.
                .overrideConfiguration(config -> config
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(properties.storeTimeout()));
        store.region().ifPresent(builder::region);
        return builder.build();
    }

    @Bean
    ApiGatewaySubscribers apiGatewaySubscribers(DynamoDbEnhancedAsyncClient dynamoDb, ApiGatewayManagementApiAsyncClient apiGateway,
                                                LivetodosProperties properties, Clock clock) {
        return new ApiGatewaySubscribers(dynamoDb, properties.connectionsTable(), apiGateway, clock);
    }

    /** What a retried stream batch owes to which connection, in the connections table. */
    @Bean
    DynamoDbPendingDeliveries pendingDeliveries(DynamoDbAsyncClient dynamoDb, LivetodosProperties properties, Clock clock) {
        return new DynamoDbPendingDeliveries(dynamoDb, properties.connectionsTable(), clock,
                DynamoDbPendingDeliveries.DEFAULT_LIFETIME);
    }

    @Bean
    SubscriptionService subscriptionService(ApiGatewaySubscribers subscribers) {
        return new SubscriptionService(subscribers, subscribers);
    }

    @Bean
    Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> connect(SubscriptionService subscriptions,
                                                                               LivetodosProperties properties) {
        return new ConnectFunction(subscriptions, properties.allowedCallers());
    }

    /**
     * The {@code $connect} route's REQUEST authorizer: redeems the page's ticket in the todo
     * table; only a connection it allows reaches {@code connect}.
     */
    @Bean
    Function<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> authorizeConnect(RedeemTicketUseCase redeemTicket,
                                                                                   LivetodosProperties properties) {
        return new TicketAuthorizerFunction(redeemTicket, properties.allowedCallers());
    }

    @Bean
    Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> disconnect(SubscriptionService subscriptions) {
        return new DisconnectFunction(subscriptions);
    }

    @Bean
    Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> message(AnswerPingUseCase answerPing) {
        return new MessageFunction(answerPing);
    }
}
