package dev.livetodos.adapter.out.apigateway;

import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The connections table's layout: string partition key {@code connectionId}, on-demand
 * capacity, TTL on {@code expiresAt}, and the global secondary index {@code byPerson}
 * (partition key {@code personId}, every attribute projected), which finds a person's connections. On AWS the CDK app creates it; local tests create it here.
 */
public final class DynamoDbConnectionsTable {

    private DynamoDbConnectionsTable() {
    }

    /** Creates the table unless it exists, waits until it can be used, and makes sure TTL is on. */
    public static Mono<Void> createIfMissing(DynamoDbAsyncClient client, String tableName) {
        return Mono.fromFuture(() -> client.describeTable(request -> request.tableName(tableName)))
                .then()
                .onErrorResume(ResourceNotFoundException.class, missing -> create(client, tableName))
                // Also on a table that exists: one created by a run that stopped before this step.
                .then(Mono.defer(() -> expireConnections(client, tableName)));
    }

    private static Mono<Void> create(DynamoDbAsyncClient client, String tableName) {
        return Mono.fromFuture(() -> client.createTable(request -> request
                        .tableName(tableName)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                AttributeDefinition.builder()
                                        .attributeName(ConnectionItem.CONNECTION_ID).attributeType(ScalarAttributeType.S).build(),
                                AttributeDefinition.builder()
                                        .attributeName(ConnectionItem.PERSON_ID).attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName(ConnectionItem.CONNECTION_ID).keyType(KeyType.HASH).build())
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                                .indexName(ConnectionItem.BY_PERSON)
                                .keySchema(KeySchemaElement.builder().attributeName(ConnectionItem.PERSON_ID).keyType(KeyType.HASH).build())
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                                .build())))
                .then()
                .onErrorResume(ResourceInUseException.class, createdMeanwhile -> Mono.empty())
                .then(Mono.fromFuture(() -> client.waiter().waitUntilTableExists(request -> request.tableName(tableName))))
                .then();
    }

    private static Mono<Void> expireConnections(DynamoDbAsyncClient client, String tableName) {
        return Mono.fromFuture(() -> client.describeTimeToLive(request -> request.tableName(tableName)))
                .flatMap(ttl -> {
                    TimeToLiveStatus status = ttl.timeToLiveDescription().timeToLiveStatus();
                    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
                        return Mono.empty();
                    }
                    return Mono.fromFuture(() -> client.updateTimeToLive(request -> request
                            .tableName(tableName)
                            .timeToLiveSpecification(spec -> spec.enabled(true).attributeName(ConnectionItem.EXPIRES_AT))));
                })
                .then();
    }
}
