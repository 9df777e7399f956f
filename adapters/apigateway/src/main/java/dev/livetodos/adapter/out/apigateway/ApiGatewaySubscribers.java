package dev.livetodos.adapter.out.apigateway;

import dev.livetodos.application.port.out.SubscriberRegistry;
import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.PersonId;
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
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Subscribers on AWS: API Gateway holds the WebSocket connections, a DynamoDB table lists their
 * ids with the person each is of ({@code $connect} writes one, {@code $disconnect} or a 410 from
 * API Gateway removes it), and frames go out through the {@code @connections} management API.
 * A person's connections are found with one Query of the table's {@code byPerson} index, so a
 * batch costs one Query per person it reaches, whatever the number of connections in the table.
 *
 * <p>The index is eventually consistent: a connection registered a moment before a change may
 * not be found for it (DynamoDB propagates an index write typically within a second). The page
 * opens its socket before it reads the list, so only a change in that short window after its
 * read could be missed; the change feed (a list's {@code seq}) lets a page notice such a gap.
 *
 * <p>A connection lives at most {@code connectionLifetime} (API Gateway closes it after 2 hours);
 * its item expires then, so one whose {@code $disconnect} never came is left out of
 * {@link #of(PersonId)} and later removed by DynamoDB's TTL.
 */
public final class ApiGatewaySubscribers implements Subscribers, SubscriberRegistry {

    /** API Gateway closes every WebSocket connection after this long. */
    public static final Duration MAX_CONNECTION_LIFETIME = Duration.ofHours(2);

    private static final int GONE = 410;

    private final DynamoDbAsyncTable<ConnectionItem> connections;
    private final ApiGatewayManagementApiAsyncClient apiGateway;
    private final Clock clock;
    private final Duration connectionLifetime;
    private final DynamoDbAsyncIndex<ConnectionItem> byPerson;
    private final Integer queryPageSize;

    public ApiGatewaySubscribers(DynamoDbEnhancedAsyncClient dynamoDb, String connectionsTable,
                                 ApiGatewayManagementApiAsyncClient apiGateway, Clock clock) {
        this(dynamoDb, connectionsTable, apiGateway, clock, MAX_CONNECTION_LIFETIME);
    }

    public ApiGatewaySubscribers(DynamoDbEnhancedAsyncClient dynamoDb, String connectionsTable,
                                 ApiGatewayManagementApiAsyncClient apiGateway, Clock clock, Duration connectionLifetime) {
        this(dynamoDb, connectionsTable, apiGateway, clock, connectionLifetime, null);
    }

    /** {@code queryPageSize}: items per query request, {@code null} for DynamoDB's 1 MB pages. */
    ApiGatewaySubscribers(DynamoDbEnhancedAsyncClient dynamoDb, String connectionsTable,
                          ApiGatewayManagementApiAsyncClient apiGateway, Clock clock, Duration connectionLifetime,
                          Integer queryPageSize) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(connectionsTable, "connectionsTable");
        Objects.requireNonNull(connectionLifetime, "connectionLifetime");
        if (connectionLifetime.isNegative() || connectionLifetime.isZero()) {
            throw new IllegalArgumentException("a connection lives for some time, not " + connectionLifetime);
        }
        if (queryPageSize != null && queryPageSize < 1) {
            throw new IllegalArgumentException("a query page holds at least one item, not " + queryPageSize);
        }
        this.connections = dynamoDb.table(connectionsTable, ConnectionItem.SCHEMA);
        this.byPerson = connections.index(ConnectionItem.BY_PERSON);
        this.apiGateway = Objects.requireNonNull(apiGateway, "apiGateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connectionLifetime = connectionLifetime;
        this.queryPageSize = queryPageSize;
    }

    @Override
    public Mono<Void> register(SubscriberId subscriber, PersonId person) {
        return Mono.fromFuture(() -> connections.putItem(ConnectionItem.opened(subscriber, person, clock.instant(), connectionLifetime)))
                .onErrorMap(ApiGatewaySubscribers::unwrap);
    }

    /**
     * The person's connections whose items have not expired: one Query of the {@code byPerson}
     * index (the page publisher follows {@code LastEvaluatedKey} through every page). What a
     * retry owes ({@link DynamoDbPendingDeliveries}) has no person, so it is not in the index.
     */
    @Override
    public Flux<SubscriberId> of(PersonId person) {
        return Flux.defer(() -> Flux.from(byPerson.query(QueryEnhancedRequest.builder()
                                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(person.value()).build()))
                                .filterExpression(notExpiredAt(clock.instant().getEpochSecond()))
                                .limit(queryPageSize)
                                .build()))
                        .flatMapIterable(Page::items))
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

    private static Expression notExpiredAt(long epochSecond) {
        return Expression.builder()
                .expression("#expiresAt > :now")
                .putExpressionName("#expiresAt", ConnectionItem.EXPIRES_AT)
                .putExpressionValue(":now", AttributeValue.fromN(Long.toString(epochSecond)))
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
