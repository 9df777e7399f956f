package dev.livetodos.adapter.out.dynamodb;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The todo table's layout: generic string keys {@code pk}/{@code sk}, on-demand capacity, a
 * stream with old and new images, which the live-change pipeline reads, and time to live on
 * {@code expiresAt}, which removes deleted todos' tombstones, expired invites and tickets. The
 * global secondary index {@code GSI1} ({@code gsi1pk}/{@code gsi1sk}, lower case like the
 * table's own keys) lists a person's lists from their member items; it projects the member's
 * {@code role}, all "my lists" needs besides each list's META. The index {@code GSI2}
 * ({@code pk}/{@code seq}) is the change feed: each list's todos and tombstones (and its META) by
 * the seq of their last write, all attributes projected. On AWS the CDK app creates the table;
 * locally the server creates it on first start.
 */
public final class DynamoDbTodoTable {

    /** How long a new index on an existing table may take to become usable (it fills from every item first). */
    static final Duration INDEX_BUILD_DEADLINE = Duration.ofMinutes(5);

    /** No item has this key: every real key starts with a type prefix ({@code LIST#}, {@code PERSON#}...). */
    private static final String HEALTH_KEY = "HEALTH";

    private DynamoDbTodoTable() {
    }

    /**
     * Whether the table answers: reads one item that never exists (half a read capacity unit on
     * demand, the permission every API function has), so it fails while the store is away or the
     * table is missing. What readiness asks.
     */
    public static Mono<Void> answers(DynamoDbAsyncClient client, String tableName) {
        Map<String, AttributeValue> nothing = Map.of(
                TodoItem.PK, AttributeValue.fromS(HEALTH_KEY), TodoItem.SK, AttributeValue.fromS(HEALTH_KEY));
        return Mono.fromFuture(() -> client.getItem(request -> request.tableName(tableName).key(nothing)
                        .projectionExpression(TodoItem.PK)))
                .then();
    }

    /**
     * Creates the table unless it exists, waits until it can be used, and turns time to live on
     * (also on a table made before tombstones were). A table made before lists had members (a
     * local data directory from version 1) gets the {@code GSI1} index added, one made before the
     * change feed the {@code GSI2} index, and this waits until each is active.
     */
    public static Mono<Void> createIfMissing(DynamoDbAsyncClient client, String tableName) {
        return Mono.fromFuture(() -> client.describeTable(request -> request.tableName(tableName)))
                .flatMap(described -> has(described.table(), ListItems.GSI1) ? Mono.<Void>empty()
                        : addIndex(client, tableName, gsi1(), gsi1Attributes()))
                // DynamoDB adds one index per table update: the feed's after the lists'.
                .then(Mono.defer(() -> Mono.fromFuture(() -> client.describeTable(request -> request.tableName(tableName)))))
                .flatMap(described -> has(described.table(), DynamoDbTodoStore.GSI2) ? Mono.<Void>empty()
                        : addIndex(client, tableName, gsi2(), gsi2Attributes()))
                .onErrorResume(ResourceNotFoundException.class, missing -> create(client, tableName))
                .then(Mono.defer(() -> ensureTimeToLive(client, tableName)));
    }

    private static boolean has(TableDescription table, String indexName) {
        return table.hasGlobalSecondaryIndexes()
                && table.globalSecondaryIndexes().stream().anyMatch(index -> indexName.equals(index.indexName()));
    }

    /** Adds an index a table made by an earlier version lacks, and waits until it is active. */
    private static Mono<Void> addIndex(DynamoDbAsyncClient client, String tableName, GlobalSecondaryIndex index,
                                       List<AttributeDefinition> attributes) {
        return Mono.fromFuture(() -> client.updateTable(request -> request
                        .tableName(tableName)
                        .attributeDefinitions(attributes)
                        .globalSecondaryIndexUpdates(update -> update.create(create -> create
                                .indexName(index.indexName())
                                .keySchema(index.keySchema())
                                .projection(index.projection())))))
                .then()
                .onErrorResume(ResourceInUseException.class, addedMeanwhile -> Mono.empty())
                .then(indexActive(client, tableName, index.indexName()));
    }

    /** Polls until the index is ACTIVE, with growing pauses, within {@link #INDEX_BUILD_DEADLINE}. */
    private static Mono<Void> indexActive(DynamoDbAsyncClient client, String tableName, String indexName) {
        return Mono.fromFuture(() -> client.describeTable(request -> request.tableName(tableName)))
                .flatMap(described -> {
                    boolean active = described.table().hasGlobalSecondaryIndexes() && described.table().globalSecondaryIndexes().stream()
                            .filter(index -> indexName.equals(index.indexName()))
                            .map(GlobalSecondaryIndexDescription::indexStatus)
                            .anyMatch(IndexStatus.ACTIVE::equals);
                    return active ? Mono.<Void>empty() : Mono.error(new IndexNotActiveYet(indexName));
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5))
                        .filter(IndexNotActiveYet.class::isInstance))
                .timeout(INDEX_BUILD_DEADLINE);
    }

    /** The index is still being built; asked again after a pause. */
    private static final class IndexNotActiveYet extends IllegalStateException {
        IndexNotActiveYet(String indexName) {
            super(indexName + " is not active yet", null);
        }
    }

    private static List<AttributeDefinition> gsi1Attributes() {
        return List.of(
                AttributeDefinition.builder().attributeName(ListItems.GSI1_PK).attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName(ListItems.GSI1_SK).attributeType(ScalarAttributeType.S).build());
    }

    private static GlobalSecondaryIndex gsi1() {
        return GlobalSecondaryIndex.builder()
                .indexName(ListItems.GSI1)
                .keySchema(
                        KeySchemaElement.builder().attributeName(ListItems.GSI1_PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(ListItems.GSI1_SK).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(ListItems.ROLE).build())
                .build();
    }

    private static List<AttributeDefinition> gsi2Attributes() {
        return List.of(
                AttributeDefinition.builder().attributeName(TodoItem.PK).attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName(TodoItem.SEQ).attributeType(ScalarAttributeType.N).build());
    }

    private static GlobalSecondaryIndex gsi2() {
        return GlobalSecondaryIndex.builder()
                .indexName(DynamoDbTodoStore.GSI2)
                .keySchema(
                        KeySchemaElement.builder().attributeName(TodoItem.PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(TodoItem.SEQ).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static Mono<Void> ensureTimeToLive(DynamoDbAsyncClient client, String tableName) {
        return Mono.fromFuture(() -> client.describeTimeToLive(request -> request.tableName(tableName)))
                .flatMap(described -> {
                    TimeToLiveDescription ttl = described.timeToLiveDescription();
                    boolean on = ttl != null && TodoItem.EXPIRES_AT.equals(ttl.attributeName())
                            && (ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
                    return on ? Mono.empty() : Mono.fromFuture(() -> client.updateTimeToLive(request -> request
                                    .tableName(tableName)
                                    .timeToLiveSpecification(spec -> spec.enabled(true).attributeName(TodoItem.EXPIRES_AT))))
                            .then();
                });
    }

    private static Mono<Void> create(DynamoDbAsyncClient client, String tableName) {
        return Mono.fromFuture(() -> client.createTable(request -> request
                        .tableName(tableName)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                AttributeDefinition.builder().attributeName(TodoItem.PK).attributeType(ScalarAttributeType.S).build(),
                                AttributeDefinition.builder().attributeName(TodoItem.SK).attributeType(ScalarAttributeType.S).build(),
                                gsi1Attributes().get(0),
                                gsi1Attributes().get(1),
                                gsi2Attributes().get(1))
                        .keySchema(
                                KeySchemaElement.builder().attributeName(TodoItem.PK).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(TodoItem.SK).keyType(KeyType.RANGE).build())
                        .globalSecondaryIndexes(gsi1(), gsi2())
                        .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))))
                .then()
                .onErrorResume(ResourceInUseException.class, createdMeanwhile -> Mono.empty())
                .then(Mono.fromFuture(() -> client.waiter().waitUntilTableExists(request -> request.tableName(tableName))))
                .then();
    }
}
