package dev.livetodos.bench;

import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import dev.livetodos.bootstrap.local.EmbeddedDynamoDb;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The raw-store reference: DynamoDB Local 3.3.1 in a JVM of its own, served exactly as the
 * server embeds it ({@link EmbeddedDynamoDb}), and the store operations behind each API call sent
 * to it by the benchmark's own HTTP client as DynamoDB's JSON protocol: request bodies written as
 * text, answers read as bytes, no SDK on the timed path. The table is made by the server's own
 * code ({@link DynamoDbTodoTable}) and holds one version-2 list the way the server keeps one: its
 * META item with the list's {@code seq}, the caller's MEMBER item, the todos numbered by
 * {@code seq}.
 *
 * <p>Each method sends what the server sends for that call (read in {@code DynamoDbTodoStore},
 * {@code DynamoDbLists}, {@code ListAccessConditions} and, for the commit barrier after each
 * transaction, {@code CommittedTransactions}), and like the server it sends the
 * write transactions of one list one at a time: they all move the list's {@code seq}, so two at
 * once would only refuse each other. Table creation and seeding go through the SDK; they are not
 * timed.
 */
final class RawStore implements AutoCloseable {

    static final String TABLE = "todos";
    private static final String LIST = "LIST#bench";
    private static final String MEMBER = "MEMBER#bench";
    private static final String CREDENTIALS = "bench";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** A write's trace context, as the server stamps it on every todo it writes. */
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String WHOLE_LIST_QUERY = "{\"TableName\":\"" + TABLE + "\",\"ConsistentRead\":true,"
            + "\"KeyConditionExpression\":\"#pk = :pk AND #sk >= :meta\",\"FilterExpression\":\"attribute_not_exists(#deleted)\","
            + "\"ExpressionAttributeNames\":{\"#pk\":\"pk\",\"#sk\":\"sk\",\"#deleted\":\"deleted\"},"
            + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"" + LIST + "\"},\":meta\":{\"S\":\"META\"}}";
    private static final String META_AND_MEMBER = "{\"RequestItems\":{\"" + TABLE + "\":{\"ConsistentRead\":true,\"Keys\":["
            + key("META") + "," + key(MEMBER) + "]}}}";
    private static final String SEQ_OF_META = "{\"TableName\":\"" + TABLE + "\",\"ConsistentRead\":true," + "\"Key\":" + key("META")
            + ",\"ProjectionExpression\":\"#seq\",\"ExpressionAttributeNames\":{\"#seq\":\"seq\"}}";
    private static final String MEMBER_MAY_WRITE = "{\"ConditionCheck\":{\"TableName\":\"" + TABLE + "\",\"Key\":" + key(MEMBER)
            + ",\"ConditionExpression\":\"#role IN (:role0, :role1)\",\"ExpressionAttributeNames\":{\"#role\":\"role\"},"
            + "\"ExpressionAttributeValues\":{\":role0\":{\"S\":\"owner\"},\":role1\":{\"S\":\"editor\"}}}}";
    /**
     * What the server sends after each transaction locally ({@code CommittedTransactions}): DynamoDB
     * Local answers a transaction before its commit has run, and this read of a key no item has
     * waits behind that commit. Only then is the write acknowledged, and the list's turn passed on.
     */
    private static final String COMMIT_BARRIER = "{\"TableName\":\"" + TABLE + "\",\"ConsistentRead\":true,"
            + "\"Key\":{\"pk\":{\"S\":\"COMMIT-BARRIER\"},\"sk\":{\"S\":\"COMMIT-BARRIER\"}}}";
    private static final byte[] COUNT = "\"Count\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_KEY = "\"LastEvaluatedKey\":".getBytes(StandardCharsets.US_ASCII);

    private final DynamoDbClient setup;
    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    /** Held while a write transaction is with the store; {@link #seq} is the list's seq it last left. */
    private final ReentrantLock turn = new ReentrantLock(true);
    private long seq;

    /** Runs the store until the process is stopped. Argument: the port. */
    public static void main(String[] args) throws Exception {
        // DynamoDB Local's own ServerRunner needs the telemetry clients this module leaves out.
        EmbeddedDynamoDb.start(Optional.empty(), Integer.parseInt(args[0]), AwsBasicCredentials.create(CREDENTIALS, CREDENTIALS));
        System.out.println("raw store listening on " + args[0]);
        Thread.currentThread().join();
    }

    /** Talks to the store on {@code port}; the timed calls go through {@code http}, the API scenarios' client. */
    RawStore(int port, HttpClient http) {
        endpoint = URI.create("http://127.0.0.1:" + port + "/");
        this.http = http;
        setup = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(CREDENTIALS, CREDENTIALS)))
                .build();
        // The store reads the key's id from the header (it signs nothing itself, so the signature is not checked).
        authorization = "AWS4-HMAC-SHA256 Credential=" + CREDENTIALS + "/20261201/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64);
    }

    /** The table as the server makes it, with the list's META and its owner's MEMBER item. */
    void createTable() {
        try (DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(CREDENTIALS, CREDENTIALS)))
                .build()) {
            DynamoDbTodoTable.createIfMissing(client, TABLE).block(Duration.ofMinutes(2));
        }
        setup.putItem(request -> request.tableName(TABLE).item(Map.of("pk", s(LIST), "sk", s("META"), "name", s("Benchmark"),
                "ownerId", s(CREDENTIALS), "version", AttributeValue.fromN("1"), "seq", AttributeValue.fromN("0"))));
        setup.putItem(request -> request.tableName(TABLE).item(Map.of("pk", s(LIST), "sk", s(MEMBER), "gsi1pk", s("USER#bench"),
                "gsi1sk", s(LIST), "role", s("owner"), "name", s("Bench"))));
    }

    /** Writes the todos 25 at a time, numbered on from the list's seq, and moves the META item's seq past them. Not timed. */
    void seed(List<String> ids) {
        turn.lock();
        try {
            for (int from = 0; from < ids.size(); from += 25) {
                List<WriteRequest> writes = new ArrayList<>();
                for (String id : ids.subList(from, Math.min(ids.size(), from + 25))) {
                    String now = Instant.now().toString();
                    Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", s(LIST), "sk", s("TODO#" + id), "id", s(id),
                            "name", s("Todo " + id), "status", s("pending"), "version", AttributeValue.fromN("1"),
                            "createdAt", s(now), "updatedAt", s(now), "seq", AttributeValue.fromN(Long.toString(++seq))));
                    item.put("traceparent", s(TRACEPARENT));
                    writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(TABLE, writes);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> batch = pending;
                    pending = setup.batchWriteItem(request -> request.requestItems(batch)).unprocessedItems();
                }
            }
            long now = seq;
            setup.updateItem(request -> request.tableName(TABLE).key(Map.of("pk", s(LIST), "sk", s("META")))
                    .updateExpression("SET #seq = :seq").expressionAttributeNames(Map.of("#seq", "seq"))
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromN(Long.toString(now)))));
        } finally {
            turn.unlock();
        }
    }

    /**
     * As {@code GET …/todos}: the caller's membership and the list's META ({@code BatchGetItem})
     * beside the one consistent query from the META item on, page after page; returns how many
     * todos it listed.
     */
    int readList() throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> membership = sendAsync("BatchGetItem", META_AND_MEMBER);
        int items = 0;
        String start = null;
        do {
            byte[] page = ok(send("Query", start == null ? WHOLE_LIST_QUERY + "}"
                    : WHOLE_LIST_QUERY + ",\"ExclusiveStartKey\":" + start + "}"));
            items += count(page);
            start = lastEvaluatedKey(page);
        } while (start != null);
        ok(membership.join());
        return items - 1; // the META item
    }

    /** As a conditional list read of an unchanged list: the membership and META beside the list's seq. */
    String readUnchanged() throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> membership = sendAsync("BatchGetItem", META_AND_MEMBER);
        byte[] meta = ok(send("GetItem", SEQ_OF_META));
        ok(membership.join());
        return indexOf(meta, "\"seq\"".getBytes(StandardCharsets.US_ASCII), 0) < 0 ? "no seq" : null;
    }

    /** As POST of a new todo: its put (unless the id is taken), the writer's access check and the list's next seq, one transaction. */
    String create(String id) throws IOException, InterruptedException {
        String now = Instant.now().toString();
        return transact(1, first -> List.of("{\"Put\":{\"TableName\":\"" + TABLE + "\",\"Item\":" + todo(id, "Created " + id, 1, now, now, first)
                + ",\"ConditionExpression\":\"attribute_not_exists(#pk) OR (#deleted = :true AND #version = :previous)\","
                + "\"ExpressionAttributeNames\":{\"#pk\":\"pk\",\"#deleted\":\"deleted\",\"#version\":\"version\"},"
                + "\"ExpressionAttributeValues\":{\":true\":{\"BOOL\":true},\":previous\":{\"N\":\"0\"}},"
                + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}}"));
    }

    /** As PUT of one change without a version: a consistent read of the todo, then its put at the next version in a transaction. */
    String update(String id, String name) throws IOException, InterruptedException {
        JsonNode item = JSON.readTree(ok(send("GetItem", "{\"TableName\":\"" + TABLE + "\",\"ConsistentRead\":true,\"Key\":"
                + key("TODO#" + id) + "}"))).path("Item");
        if (item.isMissingNode()) {
            return "missing todo";
        }
        return transact(1, first -> List.of(replace(item, name, first)));
    }

    /** As PUT of changes to these todos: their snapshot ({@code TransactGetItems}), then every put in one transaction. */
    String updateAll(List<String> ids, String name) throws IOException, InterruptedException {
        StringBuilder gets = new StringBuilder("{\"TransactItems\":[");
        for (int i = 0; i < ids.size(); i++) {
            gets.append(i == 0 ? "" : ",").append("{\"Get\":{\"TableName\":\"" + TABLE + "\",\"Key\":").append(key("TODO#" + ids.get(i))).append("}}");
        }
        JsonNode responses = JSON.readTree(ok(send("TransactGetItems", gets.append("]}").toString()))).path("Responses");
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode response : responses) {
            if (response.path("Item").isMissingNode()) {
                return "missing todo";
            }
            items.add(response.path("Item"));
        }
        return transact(items.size(), first -> {
            List<String> puts = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                puts.add(replace(items.get(i), name, first + i));
            }
            return puts;
        });
    }

    /** As DELETE of one id: the live todo turns into a tombstone one version on, no read first. */
    String delete(String id) throws IOException, InterruptedException {
        long expiresAt = Instant.now().plus(Duration.ofDays(7)).getEpochSecond();
        return transact(1, first -> List.of("{\"Update\":{\"TableName\":\"" + TABLE + "\",\"Key\":" + key("TODO#" + id)
                + ",\"ConditionExpression\":\"attribute_exists(#pk) AND attribute_not_exists(#deleted)\","
                + "\"UpdateExpression\":\"SET #deleted = :true, #version = #version + :one, #expiresAt = :expiresAt, #seq = :seq, "
                + "#traceparent = :traceparent REMOVE #name, #status, #createdAt, #updatedAt\","
                + "\"ExpressionAttributeNames\":{\"#pk\":\"pk\",\"#deleted\":\"deleted\",\"#version\":\"version\",\"#expiresAt\":\"expiresAt\","
                + "\"#seq\":\"seq\",\"#traceparent\":\"traceparent\",\"#name\":\"name\",\"#status\":\"status\",\"#createdAt\":\"createdAt\","
                + "\"#updatedAt\":\"updatedAt\"},"
                + "\"ExpressionAttributeValues\":{\":true\":{\"BOOL\":true},\":one\":{\"N\":\"1\"},\":expiresAt\":{\"N\":\"" + expiresAt + "\"},"
                + "\":seq\":{\"N\":\"" + first + "\"},\":traceparent\":{\"S\":\"" + TRACEPARENT + "\"}}}}"));
    }

    /** Todo actions for a first seq; written by the caller, numbered here. */
    @FunctionalInterface
    private interface Actions {
        List<String> from(long first);
    }

    /**
     * The todo actions, the writer's access check and the list's META moving its seq on (if the
     * list is live and still at the seq the actions were numbered from), in one transaction, and
     * then the {@link #COMMIT_BARRIER}, while holding the list's turn; null, or what the store said.
     */
    private String transact(int count, Actions actions) throws IOException, InterruptedException {
        turn.lock();
        try {
            long read = seq;
            long last = read + count;
            StringBuilder body = new StringBuilder("{\"TransactItems\":[");
            for (String action : actions.from(read + 1)) {
                body.append(action).append(',');
            }
            body.append(MEMBER_MAY_WRITE).append(",{\"Update\":{\"TableName\":\"" + TABLE + "\",\"Key\":").append(key("META"))
                    .append(",\"ConditionExpression\":\"attribute_exists(#pk) AND attribute_not_exists(#deleted) AND #seq = :read\","
                            + "\"UpdateExpression\":\"SET #seq = :last\","
                            + "\"ExpressionAttributeNames\":{\"#pk\":\"pk\",\"#deleted\":\"deleted\",\"#seq\":\"seq\"},"
                            + "\"ExpressionAttributeValues\":{\":read\":{\"N\":\"").append(read).append("\"},\":last\":{\"N\":\"")
                    .append(last).append("\"}},\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}}]}");
            HttpResponse<byte[]> answer = send("TransactWriteItems", body.toString());
            if (answer.statusCode() != 200) {
                return "store answered " + answer.statusCode() + ": " + abbreviated(answer.body());
            }
            seq = last;
            HttpResponse<byte[]> committed = send("GetItem", COMMIT_BARRIER);
            return committed.statusCode() == 200 ? null : "store answered " + committed.statusCode() + " to the commit barrier: "
                    + abbreviated(committed.body());
        } finally {
            turn.unlock();
        }
    }

    /** The put that replaces a todo read from the store with a renamed one, one version on, at {@code seq}. */
    private static String replace(JsonNode item, String name, long seq) {
        long version = Long.parseLong(item.path("version").path("N").asString());
        return "{\"Put\":{\"TableName\":\"" + TABLE + "\",\"Item\":"
                + todo(item.path("id").path("S").asString(), name, version + 1, item.path("createdAt").path("S").asString(),
                Instant.now().toString(), seq)
                + ",\"ConditionExpression\":\"#version = :version AND attribute_not_exists(#deleted)\","
                + "\"ExpressionAttributeNames\":{\"#version\":\"version\",\"#deleted\":\"deleted\"},"
                + "\"ExpressionAttributeValues\":{\":version\":{\"N\":\"" + version + "\"}}}}";
    }

    /** A todo item in DynamoDB's JSON, as the server's adapter writes it. */
    private static String todo(String id, String name, long version, String createdAt, String updatedAt, long seq) {
        return "{\"pk\":{\"S\":\"" + LIST + "\"},\"sk\":{\"S\":\"TODO#" + id + "\"},\"id\":{\"S\":\"" + id + "\"},\"name\":{\"S\":\""
                + name + "\"},\"status\":{\"S\":\"pending\"},\"version\":{\"N\":\"" + version + "\"},\"createdAt\":{\"S\":\"" + createdAt
                + "\"},\"updatedAt\":{\"S\":\"" + updatedAt + "\"},\"seq\":{\"N\":\"" + seq + "\"},\"traceparent\":{\"S\":\""
                + TRACEPARENT + "\"}}";
    }

    private static String key(String sk) {
        return "{\"pk\":{\"S\":\"" + LIST + "\"},\"sk\":{\"S\":\"" + sk + "\"}}";
    }

    private HttpResponse<byte[]> send(String operation, String body) throws IOException, InterruptedException {
        return http.send(request(operation, body), HttpResponse.BodyHandlers.ofByteArray());
    }

    private CompletableFuture<HttpResponse<byte[]>> sendAsync(String operation, String body) {
        return http.sendAsync(request(operation, body), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String operation, String body) {
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("X-Amz-Date", AMZ_DATE.format(Instant.now()))
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static byte[] ok(HttpResponse<byte[]> answer) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("store answered " + answer.statusCode() + ": " + abbreviated(answer.body()));
        }
        return answer.body();
    }

    private static String abbreviated(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** The page's {@code Count}. */
    static int count(byte[] page) {
        int at = indexOf(page, COUNT, 0);
        if (at < 0) {
            throw new IllegalStateException("a query page without a Count");
        }
        int count = 0;
        for (int i = at + COUNT.length; i < page.length && page[i] >= '0' && page[i] <= '9'; i++) {
            count = count * 10 + (page[i] - '0');
        }
        return count;
    }

    /** The page's {@code LastEvaluatedKey} as JSON text (it holds no braces in strings: keys are ids), or null on the last page. */
    static String lastEvaluatedKey(byte[] page) {
        int at = lastIndexOf(page, LAST_KEY);
        if (at < 0) {
            return null;
        }
        int from = at + LAST_KEY.length;
        int depth = 0;
        for (int i = from; i < page.length; i++) {
            if (page[i] == '{') {
                depth++;
            } else if (page[i] == '}' && --depth == 0) {
                return new String(page, from, i + 1 - from, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("an unfinished LastEvaluatedKey");
    }

    private static int indexOf(byte[] text, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= text.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (text[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] text, byte[] pattern) {
        outer:
        for (int i = text.length - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (text[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    @Override
    public void close() {
        setup.close();
    }
}
