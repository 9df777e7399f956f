package dev.livetodos.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The todo table's stream to the browsers that may see each change: the {@code todoStream} function
 * reads batches of changes through an event source mapping, reads each changed list's members
 * (one Query of the list's partition) and finds their connections (one Query of the connections
 * table's {@code byPerson} index per person), and posts to those connections only. Records it
 * could not deliver come back as batch item failures and are retried alone; a batch that keeps
 * failing is split, retried a bounded number of times, and finally recorded in the on-failure queue.
 */
final class StreamProcessing extends Construct {

    static final int BATCH_SIZE = 100;
    static final int RETRY_ATTEMPTS = 10;
    /** Older than this, a change is not worth pushing: every browser re-reads the list when it reconnects. */
    static final Duration MAX_RECORD_AGE = Duration.hours(1);
    /** One batch at a time per shard: changes to one todo arrive in the order they happened. */
    static final int PARALLELIZATION_FACTOR = 1;
    static final Duration TIMEOUT = Duration.seconds(60);

    private final JavaFunction function;
    private final Queue failedBatches;

    StreamProcessing(Construct scope, String id, TodoTables tables, LiveChanges liveChanges) {
        super(scope, id);
        failedBatches = Queue.Builder.create(this, "FailedBatches")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        function = liveChanges.springFunctions().create(this, "TodoStream", "todoStream",
                "livetodos todoStream: pushes each list's changes to its members' open WebSockets", TIMEOUT);

        function.alias().addEventSource(new DynamoEventSource(tables.todos(), DynamoEventSourceProps.builder()
                .startingPosition(StartingPosition.LATEST)
                .batchSize(BATCH_SIZE)
                .bisectBatchOnError(true)
                .retryAttempts(RETRY_ATTEMPTS)
                .maxRecordAge(MAX_RECORD_AGE)
                .reportBatchItemFailures(true)
                .parallelizationFactor(PARALLELIZATION_FACTOR)
                .onFailure(new SqsDlq(failedBatches))
                .build()));
        // Forgets a connection that is gone; finds a person's connections through the index only.
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:DeleteItem"))
                .resources(List.of(tables.connections().getTableArn()))
                .build());
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(tables.connections().getTableArn() + "/index/" + TodoTables.CONNECTIONS_BY_PERSON))
                .build());
        // A changed list's members and META: one Query of the list's partition per list in a batch
        // (DynamoDbMembers.roster), on the table itself, not its index.
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(tables.todos().getTableArn()))
                .build());
        // What a retried batch owes to which connection: items keyed "pending#<sequence number>" in
        // the connections table. Only those may be read one by one or written, never a connection's.
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem"))
                .resources(List.of(tables.connections().getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("pending#*"))))
                .build());
        liveChanges.grantPostToConnections(function);
        Nag.suppress(function, "AwsSolutions-IAM5",
                "dynamodb:ListStreams has no resource-level permissions, so AWS requires Resource '*' for it (the event "
                        + "source mapping's grant); every other stream action is on this table's stream only.",
                List.of("Resource::*"));

        Nag.suppress(failedBatches, "AwsSolutions-SQS3",
                "This queue is itself the on-failure destination of the stream's event source mapping: "
                        + "it holds the positions of batches that could not be delivered, for a person to look at.");
    }

    JavaFunction function() {
        return function;
    }

    Queue failedBatches() {
        return failedBatches;
    }
}
