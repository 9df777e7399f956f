package dev.livetodos.adapter.out.apigateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.adapter.wire.JsonChangeFrames;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.application.port.out.PendingDeliveries;
import dev.livetodos.application.service.ChangeBatches;
import dev.livetodos.application.service.FixedRosters;
import dev.livetodos.application.service.PublishTodoChangesService;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Redelivery;
import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import dev.livetodos.domain.model.Undelivered;
import dev.livetodos.testsupport.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Subscribers on API Gateway, against DynamoDB Local and a stand-in for the management API. */
class ApiGatewaySubscribersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonChangeFrames FRAMES = new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES);
    private static final int MAX_ATTEMPTS = 3;
    // DynamoDB Local deletes expired items by the real clock, as DynamoDB does: keep them young.
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    // Ids as API Gateway makes them; the trailing '=' has to survive the URL path.
    private static final SubscriberId LIVE = new SubscriberId("L0SM9cOFvHcCIhw=");
    private static final SubscriberId GONE = new SubscriberId("L0SNJdTGPHcCE2A=");
    private static final SubscriberId THROTTLED = new SubscriberId("L0SNkcxXvHcCEpw=");

    private static final String FRAME = "{\"type\":\"pong\"}";

    /** Whose connections the tests register, unless they say otherwise. */
    private static final PersonId ANN = PersonId.of("ann");
    private static final PersonId BOB = PersonId.of("bob");
    private static final ListId LIST = ListId.of("groceries");

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;
    private static DynamoDbEnhancedAsyncClient enhanced;

    private FakeApiGateway apiGateway;
    private ApiGatewayManagementApiAsyncClient apiGatewayClient;
    private String tableName;
    private ApiGatewaySubscribers subscribers;

    @BeforeAll
    static void startStore() throws Exception {
        dynamoDb = LocalDynamoDb.start();
        client = dynamoDb.client();
        enhanced = LocalDynamoDb.enhanced(client);
    }

    @AfterAll
    static void stopStore() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @BeforeEach
    void freshTableAndStage() throws Exception {
        apiGateway = FakeApiGateway.start();
        apiGatewayClient = apiGateway.client(MAX_ATTEMPTS);
        tableName = "connections-" + UUID.randomUUID();
        DynamoDbConnectionsTable.createIfMissing(client, tableName).block(WAIT);
        subscribers = subscribersAt(NOW);
    }

    @AfterEach
    void stopStage() {
        apiGatewayClient.close();
        apiGateway.close();
    }

    @Nested
    class Sending {

        @Test
        void postsTheFrameAsItsExactUtf8Bytes() {
            String frame = "{\"type\":\"changes\",\"changes\":[{\"op\":\"upsert\",\"todo\":{\"id\":\"a1\","
                    + "\"name\":\"Milch für \\\"Oma\\\" – 🥛\",\"status\":\"pending\",\"version\":1,"
                    + "\"createdAt\":\"2026-11-23T10:00:00Z\",\"updatedAt\":\"2026-11-23T10:00:00Z\"}}]}";

            StepVerifier.create(subscribers.send(LIVE, frame)).expectComplete().verify(WAIT);

            assertThat(apiGateway.bodiesTakenBy(LIVE.value())).singleElement().isEqualTo(frame.getBytes(UTF_8));
        }

        @Test
        void framesToOneConnectionArriveInTheOrderSent() {
            List<String> frames = List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");

            StepVerifier.create(Flux.fromIterable(frames).concatMap(frame -> subscribers.send(LIVE, frame)))
                    .expectComplete().verify(WAIT);

            assertThat(apiGateway.bodiesTakenBy(LIVE.value())).extracting(body -> new String(body, UTF_8))
                    .containsExactlyElementsOf(frames);
        }

        @Test
        void givenAGoneConnection_thenSendingFailsWithSubscriberGoneNamingIt() {
            apiGateway.gone(GONE.value());

            StepVerifier.create(subscribers.send(GONE, FRAME))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOfSatisfying(SubscriberGoneException.class,
                                    gone -> assertThat(gone.subscriber()).isEqualTo(GONE)))
                    .verify(WAIT);
            // Gone is for good: not worth a retry.
            assertThat(apiGateway.postsTo(GONE.value())).isEqualTo(1);
        }

        @Test
        void givenA410WithoutErrorType_thenTheConnectionIsGoneAllTheSame() {
            apiGateway.goneWithoutErrorType(GONE.value());

            StepVerifier.create(subscribers.send(GONE, FRAME))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOfSatisfying(SubscriberGoneException.class,
                                    gone -> assertThat(gone.subscriber()).isEqualTo(GONE)))
                    .verify(WAIT);
        }

        @Test
        void givenThrottling_thenSendingFailsAfterTheRetriesWithoutCallingTheConnectionGone() {
            apiGateway.throttled(THROTTLED.value());

            StepVerifier.create(subscribers.send(THROTTLED, FRAME))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(LimitExceededException.class)
                            .isNotInstanceOf(SubscriberGoneException.class))
                    .verify(WAIT);
            assertThat(apiGateway.postsTo(THROTTLED.value())).isEqualTo(MAX_ATTEMPTS);
        }

        @Test
        void givenServerErrors_thenSendingFailsAfterTheRetriesWithoutCallingTheConnectionGone() {
            apiGateway.failing(LIVE.value());

            StepVerifier.create(subscribers.send(LIVE, FRAME))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOfSatisfying(ApiGatewayManagementApiException.class,
                                    failed -> assertThat(failed.statusCode()).isEqualTo(500)))
                    .verify(WAIT);
            assertThat(apiGateway.postsTo(LIVE.value())).isEqualTo(MAX_ATTEMPTS);
        }

        @Test
        void nothingIsPostedBeforeSubscription() {
            var notYet = subscribers.send(LIVE, "{\"n\":1}");
            StepVerifier.create(subscribers.send(LIVE, "{\"n\":2}")).expectComplete().verify(WAIT);

            StepVerifier.create(notYet).expectComplete().verify(WAIT);

            assertThat(apiGateway.bodiesTakenBy(LIVE.value())).extracting(body -> new String(body, UTF_8))
                    .containsExactly("{\"n\":2}", "{\"n\":1}");
        }
    }

    @Nested
    class Registry {

        @Test
        void aRegisteredConnectionIsListedUntilForgotten() {
            register(LIVE, GONE);

            StepVerifier.create(subscribers.forget(GONE)).expectComplete().verify(WAIT);

            assertThat(connectionsOf(subscribers, ANN)).containsExactly(LIVE);
        }

        @Test
        void forgettingAnUnknownConnectionDoesNothing() {
            register(LIVE);

            StepVerifier.create(subscribers.forget(new SubscriberId("never-connected="))).expectComplete().verify(WAIT);

            assertThat(connectionsOf(subscribers, ANN)).containsExactly(LIVE);
        }

        @Test
        void registeringWritesWhenItConnectedAndWhenItExpiresInEpochSeconds() {
            register(LIVE);

            Map<String, AttributeValue> item = client.getItem(request -> request
                    .tableName(tableName)
                    .key(Map.of("connectionId", AttributeValue.fromS(LIVE.value())))
                    .consistentRead(true)).join().item();

            assertThat(Instant.parse(item.get("connectedAt").s())).isEqualTo(NOW);
            assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(NOW.plus(Duration.ofHours(2)).getEpochSecond()));
        }

        @Test
        void givenConnectionsOlderThanTheirLifetime_thenTheyAreNotListed() {
            register(GONE);
            subscribersAt(NOW.plus(Duration.ofHours(1))).register(LIVE, ANN).block(WAIT);

            List<SubscriberId> justBefore = connectionsOf(subscribersAt(NOW.plus(Duration.ofHours(2)).minusSeconds(1)), ANN);
            List<SubscriberId> twoHoursOn = connectionsOf(subscribersAt(NOW.plus(Duration.ofHours(2))), ANN);

            assertThat(justBefore).containsExactlyInAnyOrder(GONE, LIVE);
            assertThat(twoHoursOn).containsExactly(LIVE);
        }

        @Test
        void aShorterLifetimeExpiresConnectionsSooner() {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            new ApiGatewaySubscribers(enhanced, tableName, apiGatewayClient, clock, Duration.ofMinutes(10)).register(LIVE, ANN).block(WAIT);

            List<SubscriberId> tenMinutesOn = connectionsOf(subscribersAt(NOW.plus(Duration.ofMinutes(10))), ANN);

            assertThat(tenMinutesOn).isEmpty();
        }

        @Test
        void findsEveryConnectionOfAPersonAcrossManyQueryPages() {
            List<SubscriberId> many = IntStream.range(0, 1_500)
                    .mapToObj(i -> new SubscriberId("conn-" + i + "="))
                    .toList();
            writeDirectly(many);
            // 100 items a page: the 1,500 come in 15 pages and more.
            ApiGatewaySubscribers pagingBy100 = new ApiGatewaySubscribers(enhanced, tableName, apiGatewayClient,
                    Clock.fixed(NOW, ZoneOffset.UTC), ApiGatewaySubscribers.MAX_CONNECTION_LIFETIME, 100);

            List<SubscriberId> listed = connectionsOf(pagingBy100, ANN);

            assertThat(listed).hasSize(1_500).containsExactlyInAnyOrderElementsOf(many);
        }

        @Test
        void eachPersonsConnectionsAreFoundByThatPersonAlone() {
            register(LIVE, GONE);
            registerAs(BOB, THROTTLED);

            assertThat(connectionsOf(subscribers, ANN)).containsExactlyInAnyOrder(LIVE, GONE);
            assertThat(connectionsOf(subscribers, BOB)).containsExactly(THROTTLED);
            assertThat(connectionsOf(subscribers, PersonId.of("cleo"))).isEmpty();
        }

        @Test
        void registeringWritesWhoseConnectionItIs() {
            registerAs(BOB, LIVE);

            Map<String, AttributeValue> item = client.getItem(request -> request
                    .tableName(tableName)
                    .key(Map.of("connectionId", AttributeValue.fromS(LIVE.value())))
                    .consistentRead(true)).join().item();

            assertThat(item.get("personId").s()).isEqualTo("bob");
        }

        @Test
        void whatARetryOwesIsNoPersonsConnection() {
            register(LIVE);
            new DynamoDbPendingDeliveries(client, tableName, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(2))
                    .put(StreamPosition.of(7), new Redelivery(StreamPosition.of(8), List.of(new Undelivered(LIVE, StreamPosition.of(7), 1))))
                    .block(WAIT);

            assertThat(connectionsOf(subscribers, ANN)).containsExactly(LIVE);
        }

        @Test
        void nothingIsWrittenBeforeSubscription() {
            var notYet = subscribers.register(LIVE, ANN);

            List<SubscriberId> before = connectionsOf(subscribers, ANN);
            notYet.block(WAIT);

            assertThat(before).isEmpty();
            assertThat(connectionsOf(subscribers, ANN)).containsExactly(LIVE);
        }
    }

    @Nested
    class Publishing {

        @Test
        void forgetsExactlyTheGoneConnectionAndReportsWhatTheThrottledOneMissed() {
            apiGateway.gone(GONE.value()).throttled(THROTTLED.value());
            register(LIVE, GONE, THROTTLED);
            Todo todo = new Todo(new TodoId("a1"), "Buy milk", TodoStatus.PENDING, 1, NOW, NOW);
            List<TodoChange> changes = List.of(new TodoChange.Upserted(todo), new TodoChange.Deleted(new TodoId("b2"), 4));
            PublishTodoChangesService publish = new PublishTodoChangesService(subscribers, FixedRosters.listWith(LIST, ANN), FRAMES, 16);

            StepVerifier.create(publish.publish(new PublishTodoChangesCommand(ChangeBatches.onList(LIST, changes))))
                    .assertNext(report -> {
                        assertThat(report.subscribers()).isEqualTo(3);
                        assertThat(report.forgotten()).isEqualTo(1);
                        assertThat(report.undelivered()).containsExactly(new Undelivered(THROTTLED, StreamPosition.of(1), 1));
                    })
                    .expectComplete()
                    .verify(WAIT);

            assertThat(connectionsOf(subscribers, ANN)).containsExactlyInAnyOrder(LIVE, THROTTLED);
            assertThat(apiGateway.bodiesTakenBy(LIVE.value())).singleElement()
                    .isEqualTo(FRAMES.split(LIST, changes).get(0).text().getBytes(UTF_8));
            assertThat(apiGateway.postsTo(GONE.value())).isEqualTo(1);
            assertThat(apiGateway.postsTo(THROTTLED.value())).isEqualTo(MAX_ATTEMPTS);
        }
    }

    /** Three connections, one answering 500: what a retry of the same records sends, and to whom. */
    @Nested
    class Retrying {

        private static final SubscriberId STEADY = new SubscriberId("L0SOAd1zvHcCFZQ=");
        private static final SubscriberId FLAKY = new SubscriberId("L0SOEcxqPHcCF-w=");

        private final List<TodoChange> changes = List.of(
                new TodoChange.Upserted(new Todo(new TodoId("a1"), "Buy milk", TodoStatus.PENDING, 1, NOW, NOW)),
                new TodoChange.Deleted(new TodoId("b2"), 4));
        private final PublishTodoChangesCommand records = new PublishTodoChangesCommand(ChangeBatches.onList(LIST, changes),
                List.of(StreamPosition.of("400000000000000000001"), StreamPosition.of("400000000000000000002")));
        private PendingDeliveries pending;
        private PublishTodoChangesService publish;

        @BeforeEach
        void threeConnectionsOneFailing() {
            pending = new DynamoDbPendingDeliveries(client, tableName, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(2));
            publish = new PublishTodoChangesService(subscribers, FixedRosters.listWith(LIST, ANN), FRAMES, pending, 16, 3);
            register(LIVE, STEADY, FLAKY);
            apiGateway.failing(FLAKY.value());
        }

        @Test
        void givenOneConnectionFails_thenItAloneIsOwedTheBatchAndTheConnectionsListStaysTheSame() {
            var report = publish.publish(records).block(WAIT);

            assertThat(report.undelivered()).containsExactly(new Undelivered(FLAKY, StreamPosition.of("400000000000000000001"), 1));
            assertThat(pending.find(StreamPosition.of("400000000000000000001")).block(WAIT)).isEqualTo(new Redelivery(
                    StreamPosition.of("400000000000000000002"), List.of(new Undelivered(FLAKY, StreamPosition.of("400000000000000000001"), 1))));
            assertThat(connectionsOf(subscribers, ANN)).containsExactlyInAnyOrder(LIVE, STEADY, FLAKY);
        }

        @Test
        void givenTheBatchIsRetried_thenOnlyTheConnectionThatMissedItIsPostedTo() {
            publish.publish(records).block(WAIT);
            apiGateway.live(FLAKY.value());
            int flakyPostsBefore = apiGateway.postsTo(FLAKY.value());

            var report = publish.publish(records).block(WAIT);

            assertThat(report.deliveredToAll()).isTrue();
            assertThat(apiGateway.postsTo(LIVE.value())).isEqualTo(1);
            assertThat(apiGateway.postsTo(STEADY.value())).isEqualTo(1);
            assertThat(apiGateway.postsTo(FLAKY.value())).isEqualTo(flakyPostsBefore + 1);
            assertThat(apiGateway.bodiesTakenBy(FLAKY.value())).singleElement()
                    .isEqualTo(FRAMES.split(LIST, changes).get(0).text().getBytes(UTF_8));
            assertThat(pending.find(StreamPosition.of("400000000000000000001")).block(WAIT)).isNull();
        }

        @Test
        void givenAConnectionFailsTheSameRecordThreeTimes_thenItIsClosedAndForgotten() {
            publish.publish(records).block(WAIT);
            publish.publish(records).block(WAIT);

            var report = publish.publish(records).block(WAIT);

            assertThat(report.deliveredToAll()).isTrue();
            assertThat(apiGateway.closed()).containsExactly(FLAKY.value());
            assertThat(connectionsOf(subscribers, ANN)).containsExactlyInAnyOrder(LIVE, STEADY);
            assertThat(pending.find(StreamPosition.of("400000000000000000001")).block(WAIT)).isNull();
            assertThat(apiGateway.postsTo(STEADY.value())).isEqualTo(1);
        }
    }

    @Nested
    class Table {

        @Test
        void isKeyedByConnectionIdIndexedByPersonWithTimeToLiveOnExpiresAt() {
            TableDescription table = client.describeTable(request -> request.tableName(tableName)).join().table();
            TimeToLiveDescription ttl = client.describeTimeToLive(request -> request.tableName(tableName)).join()
                    .timeToLiveDescription();

            assertThat(table.keySchema()).extracting(key -> key.attributeName() + ":" + key.keyTypeAsString())
                    .containsExactly("connectionId:HASH");
            assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
                assertThat(index.indexName()).isEqualTo("byPerson");
                assertThat(index.keySchema()).extracting(key -> key.attributeName() + ":" + key.keyTypeAsString())
                        .containsExactly("personId:HASH");
            });
            assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
            assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        }

        @Test
        void creatingAnExistingTableAgainKeepsItsConnections() {
            register(LIVE);

            DynamoDbConnectionsTable.createIfMissing(client, tableName).block(WAIT);

            assertThat(connectionsOf(subscribers, ANN)).containsExactly(LIVE);
        }
    }

    private ApiGatewaySubscribers subscribersAt(Instant now) {
        return new ApiGatewaySubscribers(enhanced, tableName, apiGatewayClient, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Many connections at once, 25 to a batch: registering them one by one takes DynamoDB Local seconds. */
    private void writeDirectly(List<SubscriberId> ids) {
        DynamoDbAsyncTable<ConnectionItem> table = enhanced.table(tableName, ConnectionItem.SCHEMA);
        Flux.fromIterable(ids)
                .map(id -> ConnectionItem.opened(id, ANN, NOW, ApiGatewaySubscribers.MAX_CONNECTION_LIFETIME))
                .buffer(25)
                .flatMap(items -> {
                    WriteBatch.Builder<ConnectionItem> batch = WriteBatch.builder(ConnectionItem.class).mappedTableResource(table);
                    items.forEach(batch::addPutItem);
                    return Mono.fromFuture(() -> enhanced.batchWriteItem(request -> request.addWriteBatch(batch.build())));
                }, 4)
                .doOnNext(result -> assertThat(result.unprocessedPutItemsForTable(table)).isEmpty())
                .blockLast(WAIT);
    }

    private void register(SubscriberId... ids) {
        registerAs(ANN, ids);
    }

    private void registerAs(PersonId person, SubscriberId... ids) {
        for (SubscriberId id : ids) {
            StepVerifier.create(subscribers.register(id, person)).expectComplete().verify(WAIT);
        }
    }

    /** The person's connections as the index shows them, once it has caught up with the writes (on AWS within about a second). */
    private static List<SubscriberId> connectionsOf(ApiGatewaySubscribers subscribers, PersonId person) {
        return subscribers.of(person).collectList().block(WAIT);
    }
}
