package dev.livetodos.adapter.out.dynamodb;

import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The todo table's layout: generic string keys {@code pk}/{@code sk}, on-demand capacity, a
 * stream with old and new images, which the live-change pipeline reads, and time to live on
 * {@code expiresAt}, which removes deleted todos' tombstones. On AWS the CDK app creates it;
 * locally the server creates it on first start.
 */
public final class DynamoDbTodoTable {

    private DynamoDbTodoTable() {
    }

    /**
     * Creates the table unless it exists, waits until it can be used, and turns time to live on
     * (also on a table made before tombstones were).
     */
    public static Mono<Void> createIfMissing(DynamoDbAsyncClient client, String tableName) {
        return Mono.fromFuture(() -> client.describeTable(request -> request.tableName(tableName)))
                .then()
                .onErrorResume(ResourceNotFoundException.class, missing -> create(client, tableName))
                .then(Mono.defer(() -> ensureTimeToLive(client, tableName)));
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
                                AttributeDefinition.builder().attributeName(TodoItem.SK).attributeType(ScalarAttributeType.S).build())
                        .keySchema(
                                KeySchemaElement.builder().attributeName(TodoItem.PK).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(TodoItem.SK).keyType(KeyType.RANGE).build())
                        .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))))
                .then()
                .onErrorResume(ResourceInUseException.class, createdMeanwhile -> Mono.empty())
                .then(Mono.fromFuture(() -> client.waiter().waitUntilTableExists(request -> request.tableName(tableName))))
                .then();
    }
}
