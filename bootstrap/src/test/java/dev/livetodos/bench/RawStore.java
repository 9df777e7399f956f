package dev.livetodos.bench;

import dev.livetodos.bootstrap.local.EmbeddedDynamoDb;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The raw-store reference: DynamoDB Local 3.3.1 in a JVM of its own, served exactly as the
 * server embeds it ({@link EmbeddedDynamoDb}), and the store operations behind each API call
 * sent straight to it with the SDK's sync client. The table has the server's layout:
 * {@code pk = LIST#default}, {@code sk = TODO#<id>}, a stream with both images.
 */
final class RawStore implements AutoCloseable {

    static final String TABLE = "todos";
    private static final String PK = "LIST#default";

    private final DynamoDbClient client;

    /** Runs the store until the process is stopped. Argument: the port. */
    public static void main(String[] args) throws Exception {
        // DynamoDB Local's own ServerRunner needs the telemetry clients this module leaves out.
        EmbeddedDynamoDb.start(Optional.empty(), Integer.parseInt(args[0]), AwsBasicCredentials.create("bench", "bench"));
        System.out.println("raw store listening on " + args[0]);
        Thread.currentThread().join();
    }

    RawStore(int port, int connections) {
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections))
                .overrideConfiguration(config -> config.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    void createTable() {
        client.createTable(request -> request.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        client.waiter().waitUntilTableExists(request -> request.tableName(TABLE));
    }

    /** A todo item as the server's adapter writes it. */
    static Map<String, AttributeValue> item(String id, String name) {
        String now = Instant.now().toString();
        return Map.of("pk", s(PK), "sk", s("TODO#" + id), "id", s(id), "name", s(name), "status", s("pending"),
                "version", AttributeValue.fromN("1"), "createdAt", s(now), "updatedAt", s(now));
    }

    /** Writes the items 25 at a time. */
    void seed(List<String> ids) {
        for (int from = 0; from < ids.size(); from += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + 25))) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(id, "Todo " + id)).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(TABLE, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> batch = pending;
                pending = client.batchWriteItem(request -> request.requestItems(batch)).unprocessedItems();
            }
        }
    }

    /** Every todo of the list, page after page; returns how many. */
    int queryAll() {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(TABLE)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(PK)));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = client.query(request.build());
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /**
     * As a conditional list read of an unchanged list: two consistent reads of one item each (the
     * server reads the list's META and the caller's membership); true when both were there.
     */
    boolean readTwoItems(String id) {
        return client.getItem(request -> request.tableName(TABLE).key(key(id)).consistentRead(true)).hasItem()
                && client.getItem(request -> request.tableName(TABLE).key(key(id)).consistentRead(true)).hasItem();
    }

    /** As POST: a new item, unless one with that id exists. */
    void put(String id) {
        client.putItem(request -> request.tableName(TABLE).item(item(id, "Created " + id))
                .conditionExpression("attribute_not_exists(pk)"));
    }

    /** As PUT without a version: rename an existing item, one version up. */
    void update(String id, String name) {
        client.updateItem(request -> request.tableName(TABLE).key(key(id))
                .updateExpression("SET #name = :name, #version = #version + :one, updatedAt = :now")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#name", "name", "#version", "version"))
                .expressionAttributeValues(Map.of(":name", s(name), ":one", AttributeValue.fromN("1"),
                        ":now", s(Instant.now().toString())))
                .returnValues(ReturnValue.ALL_NEW));
    }

    /** As DELETE of one id: true when it existed. */
    boolean delete(String id) {
        return client.deleteItem(request -> request.tableName(TABLE).key(key(id)).returnValues(ReturnValue.ALL_OLD))
                .hasAttributes();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", s(PK), "sk", s("TODO#" + id));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    @Override
    public void close() {
        client.close();
    }
}
