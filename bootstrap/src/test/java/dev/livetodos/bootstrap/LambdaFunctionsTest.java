package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.adapter.out.apigateway.DynamoDbConnectionsTable;
import dev.livetodos.adapter.out.dynamodb.DynamoDbLists;
import dev.livetodos.adapter.out.dynamodb.DynamoDbMembers;
import dev.livetodos.adapter.out.dynamodb.DynamoDbLiveTickets;
import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import dev.livetodos.application.port.in.IssueTicketCommand;
import dev.livetodos.application.service.IssueTicketService;
import dev.livetodos.adapter.wire.JsonChangeFrames;
import dev.livetodos.bootstrap.local.EmbeddedDynamoDb;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TicketCode;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.TodoStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Lambda functions as Lambda runs them: through Spring Cloud Function's FunctionInvoker,
 * fed the JSON API Gateway and DynamoDB Streams send, against DynamoDB Local for both tables and
 * a stand-in for API Gateway's connection management API. Tickets are issued by the use case
 * the HTTP API calls, into the same todo table the {@code $connect} authorizer redeems them from.
 */
class LambdaFunctionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TODOS = "lambda-todos";
    private static final String CONNECTIONS = "lambda-connections";
    private static final String CONNECTION = "CrXbdc3yjoECJ2A=";
    private static final Map<String, String> SETTINGS = Map.of(
            "MAIN_CLASS", LivetodosApplication.class.getName(),
            "livetodos.table-name", TODOS,
            "livetodos.connections-table", CONNECTIONS,
            "livetodos.region", "eu-west-1",
            // As infra sets it: the site's CloudFront URL, where the event files' pages come from.
            "livetodos.allowed-origins", "https://d111111abcdef8.cloudfront.net",
            "aws.accessKeyId", "local",
            "aws.secretAccessKey", "local");

    private static final String ORIGIN = "https://d111111abcdef8.cloudfront.net";
    private static final PersonId ALICE = new PersonId("3f1c2a7e-5b9d-4c1e-8a2f-6d0b9e4c7a15");
    private static final PersonId BOB = new PersonId("b0b");
    /** Alice's list, where the stream tests' todos are; Bob is not on it. */
    private static final ListId ALICES = ListId.of("alices-list");
    private static final Instant TOKEN_EXPIRES_AT = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

    private static EmbeddedDynamoDb store;
    private static DynamoDbAsyncClient dynamoDb;
    private static FakeApiGateway gateway;

    @BeforeAll
    static void startStoreAndGateway() throws Exception {
        store = EmbeddedDynamoDb.start(Optional.empty(), AwsBasicCredentials.create("local", "local"));
        gateway = FakeApiGateway.start();
        dynamoDb = DynamoDbAsyncClient.builder().endpointOverride(store.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        DynamoDbTodoTable.createIfMissing(dynamoDb, TODOS).block(Duration.ofSeconds(30));
        DynamoDbConnectionsTable.createIfMissing(dynamoDb, CONNECTIONS).block(Duration.ofSeconds(30));
        createList(ALICES, ALICE);
        SETTINGS.forEach(System::setProperty);
        System.setProperty("livetodos.dynamodb-endpoint", store.endpoint().toString());
        System.setProperty("livetodos.websocket-endpoint", gateway.endpoint().toString());
    }

    @AfterAll
    static void stopAll() throws Exception {
        SETTINGS.keySet().forEach(System::clearProperty);
        System.clearProperty("livetodos.dynamodb-endpoint");
        System.clearProperty("livetodos.websocket-endpoint");
        dynamoDb.close();
        gateway.close();
        store.close();
    }

    /** Each test starts with no connections (and nothing owed), so one test's connections do not hear another's batches. */
    @BeforeEach
    void noConnections() {
        connections().forEach(id -> dynamoDb.deleteItem(request -> request.tableName(CONNECTIONS)
                .key(Map.of("connectionId", AttributeValue.fromS(id)))).join());
    }

    @Test
    void connectRefusesAPageFromAnotherSiteAndRemembersNothing() throws IOException {
        String foreign = new String(resource("connect.json"), StandardCharsets.UTF_8)
                .replace("https://d111111abcdef8.cloudfront.net", "https://evil.example")
                .replace("CrXbdc3yjoECJ2A=", "foreign-page");

        JsonNode refused = invoke("connect", foreign.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.path("statusCode").asInt()).isEqualTo(403);
        assertThat(connections()).doesNotContain("foreign-page");
    }

    @Test
    void connectRemembersTheConnectionAndDisconnectForgetsIt() throws IOException {
        JsonNode connected = invoke("connect", resource("connect.json"));

        assertThat(connected.path("statusCode").asInt()).isEqualTo(200);
        assertThat(connections()).contains(CONNECTION);
        assertThat(personOf(CONNECTION)).as("the person the authorizer vouched for").isEqualTo(ALICE.value());

        JsonNode disconnected = invoke("disconnect", resource("disconnect.json"));

        assertThat(disconnected.path("statusCode").asInt()).isEqualTo(200);
        assertThat(connections()).doesNotContain(CONNECTION);
    }

    @Test
    void connectRefusesAConnectionNoAuthorizerVouchedFor() throws IOException {
        String unauthorized = new String(resource("connect.json"), StandardCharsets.UTF_8)
                .replaceAll("(?s),\\s*\"authorizer\": \\{[^}]*}", "")
                .replace("CrXbdc3yjoECJ2A=", "no-authorizer");
        assertThat(unauthorized).doesNotContain("personId");

        JsonNode refused = invoke("connect", bytes(unauthorized));

        assertThat(refused.path("statusCode").asInt()).isEqualTo(403);
        assertThat(connections()).doesNotContain("no-authorizer");
    }

    @Test
    void theAuthorizerAllowsAnIssuedTicketOnceAndNamesItsPerson() throws IOException {
        LiveTicket ticket = issue(ALICE, Clock.systemUTC());

        JsonNode allowed = invoke("authorizeConnect", authorizeEvent(ticket.code().value(), ORIGIN));

        assertThat(allowed.path("principalId").asString()).isEqualTo(ALICE.value());
        thenPolicy(allowed, "Allow");
        assertThat(allowed.path("context").path("personId").asString()).isEqualTo(ALICE.value());
        assertThat(allowed.path("context").path("tokenExpiresAt").asLong()).isEqualTo(TOKEN_EXPIRES_AT.getEpochSecond());

        JsonNode again = invoke("authorizeConnect", authorizeEvent(ticket.code().value(), ORIGIN));

        thenPolicy(again, "Deny");
        assertThat(again.path("context").path("personId").isMissingNode()).isTrue();
    }

    @Test
    void theAuthorizerDeniesForgedMalformedAndExpiredTickets() throws IOException {
        LiveTicket expired = issue(ALICE, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1)));

        thenPolicy(invoke("authorizeConnect", authorizeEvent(expired.code().value(), ORIGIN)), "Deny");
        thenPolicy(invoke("authorizeConnect", authorizeEvent(TicketCode.random().value(), ORIGIN)), "Deny");
        thenPolicy(invoke("authorizeConnect", authorizeEvent("not-a-ticket", ORIGIN)), "Deny");
    }

    @Test
    void theAuthorizerDeniesAMalformedTicketWithoutAskingTheStore() throws IOException {
        String endpoint = System.getProperty("livetodos.dynamodb-endpoint");
        // Nothing listens there: a store call would fail and the authorizer would throw.
        System.setProperty("livetodos.dynamodb-endpoint", "http://127.0.0.1:9");
        try {
            thenPolicy(invoke("authorizeConnect", authorizeEvent("not a ticket, just text", ORIGIN)), "Deny");
            assertThatThrownBy(() -> invoke("authorizeConnect", authorizeEvent(TicketCode.random().value(), ORIGIN)))
                    .as("a well-formed ticket asks the store, which is not there")
                    .isNotNull();
        } finally {
            System.setProperty("livetodos.dynamodb-endpoint", endpoint);
        }
    }

    @Test
    void theAuthorizerDeniesAPageFromAnotherSiteAndLeavesItsTicketRedeemable() throws IOException {
        LiveTicket ticket = issue(ALICE, Clock.systemUTC());

        thenPolicy(invoke("authorizeConnect", authorizeEvent(ticket.code().value(), "https://evil.example")), "Deny");

        thenPolicy(invoke("authorizeConnect", authorizeEvent(ticket.code().value(), ORIGIN)), "Allow");
    }

    @Test
    void aPingIsAnsweredWithAPongThroughTheConnectionsApi() throws IOException {
        invoke("connect", resource("connect.json"));

        JsonNode answered = invoke("message", resource("ping.json"));

        assertThat(answered.path("statusCode").asInt()).isEqualTo(200);
        assertThat(gateway.framesTo(CONNECTION)).contains(LiveClient.PONG);
    }

    @Test
    void givenOneRecordsDeliveryFails_thenOnlyThatRecordIsReportedAndGoneConnectionsAreForgotten() throws IOException {
        register("steady", "flaky", "gone");
        gateway.answer("flaky", call -> call == 1 ? 200 : 500);
        gateway.answer("gone", call -> 410);
        List<Todo> todos = batchWhoseLastFrameHoldsOneChange();

        JsonNode response = invoke("todoStream", streamEvent(todos).getBytes(StandardCharsets.UTF_8));

        List<String> failed = response.path("batchItemFailures").valueStream()
                .map(failure -> failure.path("itemIdentifier").asString()).toList();
        assertThat(failed).containsExactly(sequenceNumber(todos.size() - 1));
        assertThat(gateway.framesTo("steady")).hasSize(2);
        assertThat(gateway.framesTo("flaky")).hasSize(1);
        assertThat(connections()).contains("steady", "flaky").doesNotContain("gone");
    }

    @Test
    void givenOneOfThreeConnectionsMissesABatch_thenOnlyItsFirstMissedRecordIsReportedAndTheRetryGoesToItAlone()
            throws IOException {
        register("retry-one", "retry-two", "retry-flaky");
        gateway.answer("retry-flaky", call -> 500);
        List<Todo> todos = IntStream.range(0, 5).mapToObj(i -> todo(1_000 + i)).toList();
        String firstThree = streamEvent(todos.subList(0, 3), 0, "5");

        List<String> failed = failedRecords(invoke("todoStream", bytes(firstThree)));

        assertThat(failed).containsExactly(sequenceNumber("5", 0));
        assertThat(gateway.postsTo("retry-one")).isEqualTo(1);
        assertThat(gateway.postsTo("retry-two")).isEqualTo(1);
        assertThat(pendingItems()).hasSize(1);

        gateway.answer("retry-flaky", call -> 200);
        int flakyPostsBefore = gateway.postsTo("retry-flaky");

        List<String> failedOnRetry = failedRecords(invoke("todoStream", bytes(firstThree)));

        assertThat(failedOnRetry).isEmpty();
        assertThat(gateway.postsTo("retry-one")).as("posts to retry-one after the retry").isEqualTo(1);
        assertThat(gateway.postsTo("retry-two")).as("posts to retry-two after the retry").isEqualTo(1);
        assertThat(gateway.postsTo("retry-flaky")).isEqualTo(flakyPostsBefore + 1);
        // The same frames, each with the trace of the fan-out that sent it (the retry is a fan-out of its own).
        assertThat(withoutTrace(gateway.framesTo("retry-flaky"))).isEqualTo(withoutTrace(gateway.framesTo("retry-one")));
        assertThat(pendingItems()).isEmpty();

        List<String> failedLater = failedRecords(invoke("todoStream", bytes(streamEvent(todos.subList(3, 5), 3, "5"))));

        assertThat(failedLater).isEmpty();
        assertThat(gateway.framesTo("retry-one")).hasSize(2);
        assertThat(gateway.framesTo("retry-two")).hasSize(2);
        assertThat(gateway.framesTo("retry-flaky")).hasSize(2);
    }

    @Test
    void givenAConnectionMissesTheSameRecordThreeTimes_thenItIsClosedAndForgottenAndTheShardMovesOn() throws IOException {
        register("stuck-one", "stuck-two", "stuck");
        gateway.answer("stuck", call -> 500);
        String batch = streamEvent(IntStream.range(0, 3).mapToObj(i -> todo(2_000 + i)).toList(), 0, "6");

        List<String> first = failedRecords(invoke("todoStream", bytes(batch)));
        List<String> second = failedRecords(invoke("todoStream", bytes(batch)));
        List<String> third = failedRecords(invoke("todoStream", bytes(batch)));

        assertThat(first).containsExactly(sequenceNumber("6", 0));
        assertThat(second).containsExactly(sequenceNumber("6", 0));
        assertThat(third).isEmpty();
        assertThat(gateway.closed()).containsExactly("stuck");
        assertThat(connections()).contains("stuck-one", "stuck-two").doesNotContain("stuck");
        assertThat(gateway.postsTo("stuck-one")).isEqualTo(1);
        assertThat(gateway.postsTo("stuck-two")).isEqualTo(1);
        assertThat(pendingItems()).isEmpty();
    }

    @Test
    void theStreamFunctionSendsAListsChangesToItsMembersConnectionsAndNobodyElse() throws IOException {
        register(ALICE, "alice-tab", "alice-phone");
        register(BOB, "bob-tab");
        Todo milk = todo(3_000);
        String batch = records(insert(ALICES, milk, sequenceNumber("7", 0)), remove(ALICES, milk, sequenceNumber("7", 1)));

        List<String> failed = failedRecords(invoke("todoStream", bytes(batch)));

        assertThat(failed).isEmpty();
        assertThat(gateway.framesTo("alice-tab")).singleElement().satisfies(frame -> {
            JsonNode changes = JSON.readTree(frame);
            assertThat(changes.path("listId").asString()).isEqualTo(ALICES.value());
            assertThat(changes.path("changes").valueStream().map(change -> change.path("op").asString()).toList())
                    .containsExactly("upsert", "delete");
        });
        assertThat(gateway.framesTo("alice-phone")).isEqualTo(gateway.framesTo("alice-tab"));
        assertThat(gateway.postsTo("bob-tab")).as("Bob is on no list of the batch").isZero();
    }

    @Test
    void givenBobJoinsAListInTheBatch_thenHeGetsTheListThenOnlyTheChangesAfterHeJoined() throws IOException {
        ListId shared = ListId.of("shared-in-batch");
        createList(shared, ALICE);
        new DynamoDbMembers(dynamoDb, TODOS).put(Member.of(shared, new Person(BOB, "Bob"), Role.EDITOR), Optional.empty())
                .block(Duration.ofSeconds(10));
        register(BOB, "bob-joins");
        String batch = records(insert(shared, todo(4_000), sequenceNumber("8", 0)),
                memberInsert(shared, BOB, "editor", sequenceNumber("8", 1)),
                insert(shared, todo(4_001), sequenceNumber("8", 2)));

        List<String> failed = failedRecords(invoke("todoStream", bytes(batch)));

        assertThat(failed).isEmpty();
        List<JsonNode> frames = gateway.framesTo("bob-joins").stream().map(JSON::readTree).toList();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).path("type").asString()).isEqualTo("list");
        assertThat(frames.get(0).path("op").asString()).isEqualTo("upsert");
        assertThat(frames.get(0).path("list").path("id").asString()).isEqualTo(shared.value());
        assertThat(frames.get(0).path("list").path("role").asString()).isEqualTo("editor");
        assertThat(frames.get(1).path("changes").valueStream().map(change -> change.path("todo").path("id").asString()).toList())
                .containsExactly("stream-4001");
    }

    private static void createList(ListId id, PersonId owner) {
        new DynamoDbLists(dynamoDb, TODOS).createIfAbsent(TodoList.create(id, "List " + id.value(), owner),
                Member.of(id, new Person(owner, "Owner"), Role.OWNER)).block(Duration.ofSeconds(10));
    }

    /** A stream record of a todo written into the list, as the event source mapping sends it. */
    private static String insert(ListId list, Todo todo, String sequenceNumber) {
        String keys = "\"pk\":{\"S\":\"LIST#" + list.value() + "\"},\"sk\":{\"S\":\"TODO#" + todo.id() + "\"}";
        return record("INSERT", keys, "\"NewImage\":{" + keys + todoAttributes(todo) + "}", sequenceNumber);
    }

    /** A stream record of a todo removed from the list: only its old image says which list it was on. */
    private static String remove(ListId list, Todo todo, String sequenceNumber) {
        String keys = "\"pk\":{\"S\":\"LIST#" + list.value() + "\"},\"sk\":{\"S\":\"TODO#" + todo.id() + "\"}";
        return record("REMOVE", keys, "\"OldImage\":{" + keys + todoAttributes(todo) + "}", sequenceNumber);
    }

    private static String memberInsert(ListId list, PersonId person, String role, String sequenceNumber) {
        String keys = "\"pk\":{\"S\":\"LIST#" + list.value() + "\"},\"sk\":{\"S\":\"MEMBER#" + person.value() + "\"}";
        return record("INSERT", keys, "\"NewImage\":{" + keys + ",\"role\":{\"S\":\"" + role + "\"},\"name\":{\"S\":\"Bob\"},"
                + "\"gsi1pk\":{\"S\":\"USER#" + person.value() + "\"},\"gsi1sk\":{\"S\":\"LIST#" + list.value() + "\"}}", sequenceNumber);
    }

    private static String todoAttributes(Todo todo) {
        return ",\"id\":{\"S\":\"" + todo.id() + "\"},\"name\":{\"S\":\"" + todo.name() + "\"},"
                + "\"status\":{\"S\":\"pending\"},\"version\":{\"N\":\"1\"},"
                + "\"createdAt\":{\"S\":\"" + todo.createdAt() + "\"},\"updatedAt\":{\"S\":\"" + todo.updatedAt() + "\"}";
    }

    private static String record(String eventName, String keys, String images, String sequenceNumber) {
        return "{\"eventID\":\"e" + sequenceNumber + "\",\"eventName\":\"" + eventName + "\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1763892000,\"Keys\":{" + keys + "}," + images + ","
                + "\"SequenceNumber\":\"" + sequenceNumber + "\",\"SizeBytes\":600,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/" + TODOS + "/stream/2026-11-23T09:00:00.000\"}";
    }

    private static String records(String... records) {
        return String.join(",", records).transform(joined -> "{\"Records\":[" + joined + "]}");
    }

    /** A ticket issued to the person by the use case the HTTP API calls, on the clock given, into the Lambda's todo table. */
    private static LiveTicket issue(PersonId person, Clock clock) {
        return new IssueTicketService(new DynamoDbLiveTickets(dynamoDb, TODOS, Clock.systemUTC()), clock)
                .issueTicket(new IssueTicketCommand(person, TOKEN_EXPIRES_AT)).block(Duration.ofSeconds(10));
    }

    /** The event API Gateway sends the {@code $connect} authorizer for a page at origin that brought this ticket. */
    private static byte[] authorizeEvent(String ticket, String origin) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(resource("authorize.json"));
        ((ObjectNode) event.path("queryStringParameters")).put("ticket", ticket);
        ((ObjectNode) event.path("multiValueQueryStringParameters")).putArray("ticket").add(ticket);
        ((ObjectNode) event.path("headers")).put("Origin", origin);
        ((ObjectNode) event.path("multiValueHeaders")).putArray("Origin").add(origin);
        return JSON.writeValueAsBytes(event);
    }

    /** One statement of this effect on exactly the route the event was for. */
    private static void thenPolicy(JsonNode answer, String effect) {
        JsonNode statements = answer.path("policyDocument").path("Statement");
        assertThat(answer.path("policyDocument").path("Version").asString()).isEqualTo("2012-10-17");
        assertThat(statements.size()).isEqualTo(1);
        assertThat(statements.get(0).path("Effect").asString()).isEqualTo(effect);
        assertThat(statements.get(0).path("Action").asString()).isEqualTo("execute-api:Invoke");
        assertThat(statements.get(0).path("Resource").valueStream().map(JsonNode::asString).toList())
                .containsExactly("arn:aws:execute-api:eu-west-1:123456789012:abcd123456/prod/$connect");
    }

    private static List<String> failedRecords(JsonNode response) {
        return response.path("batchItemFailures").valueStream()
                .map(failure -> failure.path("itemIdentifier").asString()).toList();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Items of the connections table that are not connections (what a retry owes). */
    private static List<String> pendingItems() {
        return connections().stream().filter(id -> id.startsWith("pending#")).toList();
    }

    /** Todos with long names, as many as fill one frame, and one more that starts a second. */
    private static List<Todo> batchWhoseLastFrameHoldsOneChange() {
        List<Todo> many = IntStream.range(0, 200).mapToObj(LambdaFunctionsTest::todo).toList();
        int firstFrame = new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES).split(ALICES, many.stream().<TodoChange>map(TodoChange.Upserted::new).toList()).get(0).to();
        return many.subList(0, firstFrame + 1);
    }

    private static Todo todo(int i) {
        Instant at = Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i);
        return new Todo(new TodoId("stream-" + i), "n".repeat(480) + i, TodoStatus.PENDING, 1, at, at);
    }

    private static String sequenceNumber(int i) {
        return sequenceNumber("3", i);
    }

    /** Sequence numbers as DynamoDB Streams writes them: 21 digits, {@code shard} first. */
    private static String sequenceNumber(String shard, int i) {
        return shard + String.format("%020d", i);
    }

    /** The event Lambda's event source mapping sends for inserts into the todo table. */
    private static String streamEvent(List<Todo> todos) {
        return streamEvent(todos, 0, "3");
    }

    /** The records at {@code first, first + 1, …} of a stream whose sequence numbers start with {@code shard}. */
    private static String streamEvent(List<Todo> todos, int first, String shard) {
        return IntStream.range(0, todos.size()).mapToObj(j -> {
            int i = first + j;
            Todo todo = todos.get(j);
            String keys = "\"pk\":{\"S\":\"LIST#" + ALICES.value() + "\"},\"sk\":{\"S\":\"TODO#" + todo.id() + "\"}";
            return "{\"eventID\":\"e" + i + "\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
                    + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",\"dynamodb\":{"
                    + "\"ApproximateCreationDateTime\":1763892000,\"Keys\":{" + keys + "},\"NewImage\":{" + keys
                    + ",\"id\":{\"S\":\"" + todo.id() + "\"},\"name\":{\"S\":\"" + todo.name() + "\"},"
                    + "\"status\":{\"S\":\"pending\"},\"version\":{\"N\":\"1\"},"
                    + "\"createdAt\":{\"S\":\"" + todo.createdAt() + "\"},\"updatedAt\":{\"S\":\"" + todo.updatedAt() + "\"}},"
                    + "\"SequenceNumber\":\"" + sequenceNumber(shard, i) + "\",\"SizeBytes\":600,"
                    + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                    + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/" + TODOS
                    + "/stream/2026-11-23T09:00:00.000\"}";
        }).collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }

    /** Connections of Alice, who owns the list the stream tests' todos are on. */
    private static void register(String... connectionIds) {
        register(ALICE, connectionIds);
    }

    private static void register(PersonId person, String... connectionIds) {
        for (String id : connectionIds) {
            dynamoDb.putItem(request -> request.tableName(CONNECTIONS).item(Map.of(
                    "connectionId", AttributeValue.fromS(id),
                    "personId", AttributeValue.fromS(person.value()),
                    "connectedAt", AttributeValue.fromS(Instant.now().toString()),
                    "expiresAt", AttributeValue.fromN(Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()))))).join();
        }
    }

    private static String personOf(String connectionId) {
        return dynamoDb.getItem(request -> request.tableName(CONNECTIONS).consistentRead(true)
                .key(Map.of("connectionId", AttributeValue.fromS(connectionId)))).join().item().get("personId").s();
    }

    private static List<String> connections() {
        return dynamoDb.scan(request -> request.tableName(CONNECTIONS).consistentRead(true)).join().items().stream()
                .map(item -> item.get("connectionId").s()).toList();
    }

    private static JsonNode invoke(String function, byte[] event) throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(function);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event), output, null);
        return JSON.readTree(output.toByteArray());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LambdaFunctionsTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }

    private static List<String> withoutTrace(List<String> frames) {
        return frames.stream().map(frame -> frame.replaceFirst(",\"trace\":\"[0-9a-f]{32}\"", "")).toList();
    }
}
