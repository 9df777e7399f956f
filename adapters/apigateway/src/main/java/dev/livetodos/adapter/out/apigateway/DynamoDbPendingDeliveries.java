package dev.livetodos.adapter.out.apigateway;

import dev.livetodos.application.port.out.PendingDeliveries;
import dev.livetodos.domain.model.Redelivery;
import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.SubscriberId;
import dev.livetodos.domain.model.Undelivered;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a retry of the stream owes to which connection, as one item in the connections table
 * under {@code connectionId = "pending#<sequence number>"} (API Gateway's connection ids never
 * hold a {@code #}, and these items have no {@code personId}, so the index of connections by person leaves them out):
 * {@code attemptedThrough} (the last sequence number tried for everyone), {@code pending}
 * (connection id → {@code from}, {@code failedAttempts}) and {@code expiresAt}, the table's TTL.
 *
 * <p>Cost per stream batch: one strongly consistent {@code GetItem} (1 read unit: the item is
 * under 4 KB until about 60 connections are owed something), and only when a delivery failed a
 * {@code PutItem} (1 write unit per KB) plus a {@code DeleteItem} when the retry succeeds.
 * Sequence numbers are kept as strings: they can be longer than a DynamoDB number's 38 digits.
 */
public final class DynamoDbPendingDeliveries implements PendingDeliveries {

    /** Starts the key of every item this class writes; no connection id starts so. */
    static final String KEY_PREFIX = "pending#";

    /** Longer than the event source mapping retries a record (its maximum record age is 1 hour). */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(2);

    private static final String ATTEMPTED_THROUGH = "attemptedThrough";
    private static final String PENDING = "pending";
    private static final String FROM = "from";
    private static final String FAILED_ATTEMPTS = "failedAttempts";

    private final DynamoDbAsyncClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration lifetime;

    public DynamoDbPendingDeliveries(DynamoDbAsyncClient dynamoDb, String connectionsTable, Clock clock, Duration lifetime) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(connectionsTable, "connectionsTable");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("what is owed is kept for some time, not " + lifetime);
        }
    }

    /** Strongly consistent: the retry must see what the attempt before it wrote. */
    @Override
    public Mono<Redelivery> find(StreamPosition retryFrom) {
        return Mono.fromFuture(() -> dynamoDb.getItem(request -> request.tableName(table).key(key(retryFrom)).consistentRead(true)))
                .filter(response -> response.hasItem() && !response.item().isEmpty())
                .map(response -> redelivery(response.item()))
                .onErrorMap(DynamoDbPendingDeliveries::unwrap);
    }

    @Override
    public Mono<Void> put(StreamPosition retryFrom, Redelivery redelivery) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(retryFrom));
        item.put(ATTEMPTED_THROUGH, AttributeValue.fromS(redelivery.attemptedThrough().toString()));
        Map<String, AttributeValue> pending = new LinkedHashMap<>();
        redelivery.pending().forEach(owed -> pending.put(owed.subscriber().value(), AttributeValue.fromM(Map.of(
                FROM, AttributeValue.fromS(owed.from().toString()),
                FAILED_ATTEMPTS, AttributeValue.fromN(Integer.toString(owed.failedAttempts()))))));
        item.put(PENDING, AttributeValue.fromM(pending));
        item.put(ConnectionItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(clock.instant().plus(lifetime).getEpochSecond())));
        return Mono.fromFuture(() -> dynamoDb.putItem(request -> request.tableName(table).item(item)))
                .then()
                .onErrorMap(DynamoDbPendingDeliveries::unwrap);
    }

    @Override
    public Mono<Void> remove(StreamPosition retryFrom) {
        return Mono.fromFuture(() -> dynamoDb.deleteItem(request -> request.tableName(table).key(key(retryFrom))))
                .then()
                .onErrorMap(DynamoDbPendingDeliveries::unwrap);
    }

    private static Map<String, AttributeValue> key(StreamPosition retryFrom) {
        return Map.of(ConnectionItem.CONNECTION_ID, AttributeValue.fromS(KEY_PREFIX + retryFrom));
    }

    private static Redelivery redelivery(Map<String, AttributeValue> item) {
        List<Undelivered> pending = item.getOrDefault(PENDING, AttributeValue.fromM(Map.of())).m().entrySet().stream()
                .map(owed -> new Undelivered(new SubscriberId(owed.getKey()),
                        StreamPosition.of(owed.getValue().m().get(FROM).s()),
                        Integer.parseInt(owed.getValue().m().get(FAILED_ATTEMPTS).n())))
                .toList();
        return new Redelivery(StreamPosition.of(item.get(ATTEMPTED_THROUGH).s()), pending);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
