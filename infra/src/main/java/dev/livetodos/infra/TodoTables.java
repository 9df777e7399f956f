package dev.livetodos.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The two tables. Todos: the keys the DynamoDB adapter uses ({@code pk}/{@code sk}), a stream
 * with old and new images (every change goes out through it), TTL on {@code expiresAt} (it
 * removes the tombstones deletes leave, once their retention is over, and expired invites and
 * live tickets), the index {@code GSI1} on {@code gsi1pk}/{@code gsi1sk} that lists a person's
 * lists from their member items (it carries their {@code role}, the rest comes from each list's
 * META item), the index {@code GSI2} on {@code pk}/{@code seq} that is each list's change feed
 * (todos and tombstones by the seq of their last write, all attributes), point-in-time recovery, and in {@code prod} deletion protection and RETAIN. Connections: open WebSocket connections, which
 * expire by TTL on {@code expiresAt}; they are worthless after a few hours, so they are never kept.
 */
final class TodoTables extends Construct {

    /** The index that lists a person's lists (the DynamoDB adapter's {@code GSI1}). */
    static final String PEOPLES_LISTS_INDEX = "GSI1";

    /** The change feed's index (the DynamoDB adapter's {@code GSI2}). */
    static final String CHANGE_FEED_INDEX = "GSI2";

    /** The connections table's index by person, as the apigateway adapter names it. */
    static final String CONNECTIONS_BY_PERSON = "byPerson";

    private final Table todos;
    private final Table connections;

    TodoTables(Construct scope, String id, Stage stage) {
        super(scope, id);
        todos = Table.Builder.create(this, "Todos")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .timeToLiveAttribute("expiresAt")
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(stage.deletionProtection())
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
        todos.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(PEOPLES_LISTS_INDEX)
                .partitionKey(Attribute.builder().name("gsi1pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("gsi1sk").type(AttributeType.STRING).build())
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(List.of("role"))
                .build());
        // Added to a table that has GSI1 already: CloudFormation adds one index per update, as here.
        todos.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(CHANGE_FEED_INDEX)
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("seq").type(AttributeType.NUMBER).build())
                .projectionType(ProjectionType.ALL)
                .build());
        connections = Table.Builder.create(this, "Connections")
                .partitionKey(Attribute.builder().name("connectionId").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute("expiresAt")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // A person's connections, for the stream function to send a list's changes to its members'
        // connections only (ApiGatewaySubscribers.of): what a retry owes has no personId, so it stays out.
        connections.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(CONNECTIONS_BY_PERSON)
                .partitionKey(Attribute.builder().name("personId").type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
        Nag.suppress(connections, "AwsSolutions-DDB3",
                "Open WebSocket connections only: API Gateway closes them within 2 hours and TTL removes them; "
                        + "a point-in-time restore of them would name connections that no longer exist.");
    }

    Table todos() {
        return todos;
    }

    Table connections() {
        return connections;
    }
}
