package dev.livetodos.adapter.out.apigateway;

import dev.livetodos.application.port.out.SubscriberRegistry;
import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Subscribers on AWS: API Gateway holds the WebSocket connections, a DynamoDB table lists their
 * ids ({@code $connect} writes one, {@code $disconnect} or a 410 from API Gateway removes it),
 * and frames go out through the {@code @connections} management API.
 *
 * <p>A connection lives at most {@code connectionLifetime} (API Gateway closes it after 2 hours);
 * its item expires then, so one whose {@code $disconnect} never came is left out of
 * {@link #all()} and later removed by DynamoDB's TTL.
 */
public final class ApiGatewaySubscribers implements Subscribers, SubscriberRegistry {

    /** API Gateway closes every WebSocket connection after this long. */
    public static final Duration MAX_CONNECTION_LIFETIME = Duration.ofHours(2);

    private static final int GONE = 410;

    private final DynamoDbAsyncTable<ConnectionItem> connections;
    private final ApiGatewayManagementApiAsyncClient apiGateway;
    private final Clock clock;
    private final Duration connectionLifetime;
    private final Integer scanPageSize;

    public ApiGatewaySubscribers(DynamoDbEnhancedAsyncClient dynamoDb, String connectionsTable,
                                 ApiGatewayManagementApiAsyncClient apiGateway, Clock clock) {
        this(dynamoDb, connectionsTable, apiGateway, clock, MAX_CONNECTION_LIFETIME);
    }

    public ApiGatewaySubscribers(DynamoDbEnhancedAsyncClient dynamoDb, String connectionsTable,
                                 ApiGatewayManagementApiAsyncClient apiGateway, Clock clock, Duration connectionLifetime) {
        this(dynamoDb, connectionsTable, apiGateway, clock, connectionLifetime, null);
    }

    /** {@code scanPageSize}: items per scan request, {@code null} for DynamoDB's 1 MB pages. */
    ApiGatewaySubscribers(DynamoDbEnhancedAsyncClient dynamoDb, String connectionsTable,
                          ApiGatewayManagementApiAsyncClient apiGateway, Clock clock, Duration connectionLifetime,
                          Integer scanPageSize) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(connectionsTable, "connectionsTable");
        Objects.requireNonNull(connectionLifetime, "connectionLifetime");
        if (connectionLifetime.isNegative() || connectionLifetime.isZero()) {
            throw new IllegalArgumentException("a connection lives for some time, not " + connectionLifetime);
        }
        if (scanPageSize != null && scanPageSize < 1) {
            throw new IllegalArgumentException("a scan page holds at least one item, not " + scanPageSize);
        }
        this.connections = dynamoDb.table(connectionsTable, ConnectionItem.SCHEMA);
        this.apiGateway = Objects.requireNonNull(apiGateway, "apiGateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connectionLifetime = connectionLifetime;
        this.scanPageSize = scanPageSize;
    }

    @Override
    public Mono<Void> register(SubscriberId subscriber) {
        return Mono.fromFuture(() -> connections.putItem(ConnectionItem.opened(subscriber, clock.instant(), connectionLifetime)))
                .onErrorMap(ApiGatewaySubscribers::unwrap);
    }

    /**
     * Every connection whose item has not expired; the table's other items (what a retry owes,
     * see {@link DynamoDbPendingDeliveries}) are left out. The read is strongly consistent, so a
     * connection registered before a change was written hears of it; the page publisher follows
     * {@code LastEvaluatedKey} through every page.
     */
    @Override
    public Flux<SubscriberId> all() {
        return Flux.defer(() -> Flux.from(connections.scan(ScanEnhancedRequest.builder()
                                .consistentRead(true)
                                .filterExpression(connectionsNotExpiredAt(clock.instant().getEpochSecond()))
                                .limit(scanPageSize)
                                .build())
                        .items()))
                .map(ConnectionItem::subscriber)
                .onErrorMap(ApiGatewaySubscribers::unwrap);
    }

    /**
     * Posts the frame to the connection. Throttling and server errors have been retried by the
     * client's retry strategy by the time they fail here; only a 410 means the connection is gone.
     */
    @Override
    public Mono<Void> send(SubscriberId subscriber, String frame) {
        return Mono.fromFuture(() -> apiGateway.postToConnection(request -> request
                        .connectionId(subscriber.value())
                        .data(SdkBytes.fromUtf8String(frame))))
                .then()
                .onErrorMap(error -> goneOrAsIs(subscriber, unwrap(error)));
    }

    @Override
    public Mono<Void> forget(SubscriberId subscriber) {
        // Deleting an item that is not there succeeds: forgetting twice is harmless.
        return Mono.fromFuture(() -> connections.deleteItem(ConnectionItem.key(subscriber)))
                .then()
                .onErrorMap(ApiGatewaySubscribers::unwrap);
    }

    /**
     * Closes the connection through {@code @connections} (API Gateway then calls {@code $disconnect},
     * and the browser reconnects and refetches) and forgets it. A connection already gone counts as
     * closed; if closing fails otherwise it is not forgotten, so a later batch tries again.
     */
    @Override
    public Mono<Void> disconnect(SubscriberId subscriber) {
        return Mono.fromFuture(() -> apiGateway.deleteConnection(request -> request.connectionId(subscriber.value())))
                .then()
                .onErrorMap(error -> goneOrAsIs(subscriber, unwrap(error)))
                .onErrorResume(SubscriberGoneException.class, gone -> Mono.empty())
                .then(forget(subscriber));
    }

    private static Expression connectionsNotExpiredAt(long epochSecond) {
        return Expression.builder()
                .expression("#expiresAt > :now AND NOT begins_with(#connectionId, :other)")
                .putExpressionName("#expiresAt", ConnectionItem.EXPIRES_AT)
                .putExpressionName("#connectionId", ConnectionItem.CONNECTION_ID)
                .putExpressionValue(":now", AttributeValue.fromN(Long.toString(epochSecond)))
                .putExpressionValue(":other", AttributeValue.fromS(DynamoDbPendingDeliveries.KEY_PREFIX))
                .build();
    }

    /** The error names the subscriber that was sent to, never an id read from the response. */
    private static Throwable goneOrAsIs(SubscriberId subscriber, Throwable error) {
        if (error instanceof GoneException
                || error instanceof SdkServiceException service && service.statusCode() == GONE) {
            return new SubscriberGoneException(subscriber);
        }
        return error;
    }

    /** SDK futures may complete with the real error wrapped in a {@link CompletionException}. */
    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
