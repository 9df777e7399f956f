package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.adapter.out.dynamodb.DynamoDbLegacyTodos;
import dev.livetodos.adapter.out.dynamodb.DynamoDbLists;
import dev.livetodos.adapter.out.dynamodb.DynamoDbMembers;
import dev.livetodos.adapter.out.dynamodb.DynamoDbPeople;
import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoStore;
import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import dev.livetodos.application.port.in.EnsurePersonCommand;
import dev.livetodos.application.port.in.ListMyListsCommand;
import dev.livetodos.application.service.EnsurePersonService;
import dev.livetodos.application.service.ListMyListsService;
import dev.livetodos.bootstrap.local.CommittedTransactions;
import dev.livetodos.bootstrap.local.EmbeddedDynamoDb;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The todos of earlier versions going to the first person who signs in, against DynamoDB Local:
 * version 1's partition and the shared list of the step before sign-in, both into that person's
 * "My todos", once, whichever of several servers signs people up.
 */
class LegacyTodosHandoverTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

    private static EmbeddedDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    private String table;

    @BeforeAll
    static void startStore() throws Exception {
        dynamoDb = EmbeddedDynamoDb.start(Optional.empty(), EmbeddedDynamoDb.randomKey());
        client = CommittedTransactions.wrap(DynamoDbAsyncClient.builder().endpointOverride(dynamoDb.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(dynamoDb.credentials()).build());
    }

    @AfterAll
    static void stopStore() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @BeforeEach
    void freshTable() {
        table = "todos-" + UUID.randomUUID();
        DynamoDbTodoTable.createIfMissing(client, table).block(WAIT);
    }

    @Test
    void givenTodosOfVersionOneAndOfTheSharedList_thenTheFirstPersonsFirstListGetsThemAllAndTheSharedListIsGone() {
        IntStream.range(0, 70).forEach(i -> writeVersionOne("v" + i));
        givenTheSharedListHolds(30);
        Server server = new Server();
        server.handover.atStart().block(WAIT);

        server.signIn("ann");

        ListId mine = server.onlyListOf("ann").list().id();
        assertThat(server.todos(mine, "ann")).hasSize(100);
        assertThat(new DynamoDbLists(client, table).find(LegacyTodosHandover.SHARED_LIST).blockOptional(WAIT)).isEmpty();
        assertThat(itemsUnder("TODOS#default")).isZero();
        assertThat(itemsUnder("LIST#default")).isZero();
        assertThat(new DynamoDbLegacyTodos(client, table).claimState().block(WAIT))
                .isEqualTo(new DynamoDbLegacyTodos.Claim(true, mine, true));
    }

    @Test
    void givenTheFirstPersonHasThem_thenTheNextPersonsListIsEmptyAndARestartMovesNothing() {
        IntStream.range(0, 5).forEach(i -> writeVersionOne("v" + i));
        Server server = new Server();
        server.handover.atStart().block(WAIT);
        server.signIn("ann");

        server.signIn("bob");
        new Server().handover.atStart().block(WAIT);

        assertThat(server.todos(server.onlyListOf("ann").list().id(), "ann")).hasSize(5);
        assertThat(server.todos(server.onlyListOf("bob").list().id(), "bob")).isEmpty();
    }

    @Test
    void givenTwoServersSigningUpTwoPeopleAtOnce_thenExactlyOneOfThemGetsEveryTodo() {
        IntStream.range(0, 60).forEach(i -> writeVersionOne("v" + i));
        Server one = new Server();
        Server two = new Server();
        one.handover.atStart().block(WAIT);
        two.handover.atStart().block(WAIT);

        Mono.when(Mono.fromRunnable(() -> one.signIn("ann")).subscribeOn(Schedulers.boundedElastic()),
                Mono.fromRunnable(() -> two.signIn("bob")).subscribeOn(Schedulers.boundedElastic())).block(WAIT);

        int ann = one.todos(one.onlyListOf("ann").list().id(), "ann").size();
        int bob = one.todos(one.onlyListOf("bob").list().id(), "bob").size();
        assertThat(List.of(ann, bob)).containsExactlyInAnyOrder(60, 0);
        assertThat(itemsUnder("TODOS#default")).isZero();
    }

    @Test
    void givenAMoveThatStoppedHalfWay_thenTheNextStartFinishesItIntoTheClaimedList() {
        IntStream.range(0, 8).forEach(i -> writeVersionOne("v" + i));
        Server server = new Server();
        server.signIn("ann"); // before any start saw the todos: nothing was waiting, nothing moved
        ListId mine = server.onlyListOf("ann").list().id();
        // As a server that claimed the move and then crashed would leave it.
        new DynamoDbLegacyTodos(client, table).claim(mine, PersonId.of("ann"), CREATED).block(WAIT);

        new Server().handover.atStart().block(WAIT);

        assertThat(server.todos(mine, "ann")).hasSize(8);
        assertThat(new DynamoDbLegacyTodos(client, table).claimState().block(WAIT).done()).isTrue();
    }

    @Test
    void givenAListOfAPersonThatHappensToBeCalledDefault_thenItIsLeftAlone() {
        TodoList theirs = TodoList.create(LegacyTodosHandover.SHARED_LIST, "Default", PersonId.of("cleo"));
        new DynamoDbLists(client, table).createIfAbsent(theirs, Member.of(theirs.id(), new Person(PersonId.of("cleo"), "Cleo"), Role.OWNER))
                .block(WAIT);
        new DynamoDbTodoStore(client, table).of(theirs.id(), PersonId.of("cleo")).insertIfAbsent(todo("c1")).block(WAIT);
        Server server = new Server();
        server.handover.atStart().block(WAIT);

        server.signIn("ann");

        assertThat(server.todos(server.onlyListOf("ann").list().id(), "ann")).isEmpty();
        assertThat(server.todos(theirs.id(), "cleo")).hasSize(1);
        assertThat(new DynamoDbLegacyTodos(client, table).claimState().block(WAIT).claimed()).isFalse();
    }

    /** One server's wiring of people and the handover, as {@code ListsConfiguration} makes it. */
    private final class Server {

        final DynamoDbLists lists = new DynamoDbLists(client, table);
        final LegacyTodosHandover handover = new LegacyTodosHandover(new DynamoDbLegacyTodos(client, table), lists, Clock.systemUTC());
        final EnsurePersonService ensure = new EnsurePersonService(
                LegacyTodosHandover.handingOver(new DynamoDbPeople(client, table), handover), ListId::random);

        void signIn(String who) {
            ensure.ensurePerson(new EnsurePersonCommand(new Person(PersonId.of(who), who))).block(WAIT);
        }

        ListWithRole onlyListOf(String who) {
            List<ListWithRole> mine = new ListMyListsService(new DynamoDbMembers(client, table))
                    .listMyLists(new ListMyListsCommand(PersonId.of(who))).collectList().block(WAIT);
            assertThat(mine).singleElement().satisfies(list -> assertThat(list.list().name()).isEqualTo("My todos"));
            return mine.get(0);
        }

        List<Todo> todos(ListId list, String who) {
            return new DynamoDbTodoStore(client, table).of(list, PersonId.of(who)).readAll().block(WAIT).todos();
        }
    }

    private void givenTheSharedListHolds(int todos) {
        TodoList shared = TodoList.create(LegacyTodosHandover.SHARED_LIST, "Shared todos", LegacyTodosHandover.EVERYONE);
        new DynamoDbLists(client, table).createIfAbsent(shared,
                Member.of(shared.id(), new Person(LegacyTodosHandover.EVERYONE, "Everyone"), Role.OWNER)).block(WAIT);
        var repository = new DynamoDbTodoStore(client, table).of(shared.id(), LegacyTodosHandover.EVERYONE);
        IntStream.range(0, todos).forEach(i -> repository.insertIfAbsent(todo("s" + i)).block(WAIT));
    }

    private static Todo todo(String id) {
        return new Todo(TodoId.of(id), "Todo " + id, TodoStatus.PENDING, 1, CREATED, CREATED);
    }

    /** A todo as version 1 wrote it: under its one partition. */
    private void writeVersionOne(String id) {
        client.putItem(request -> request.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("TODOS#default"),
                "sk", AttributeValue.fromS("TODO#" + id),
                "id", AttributeValue.fromS(id),
                "name", AttributeValue.fromS("Todo " + id),
                "status", AttributeValue.fromS("pending"),
                "version", AttributeValue.fromN("1"),
                "createdAt", AttributeValue.fromS(CREATED.toString()),
                "updatedAt", AttributeValue.fromS(CREATED.toString())))).join();
    }

    private int itemsUnder(String partition) {
        return client.query(request -> request.tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", "pk"))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))))
                .join().count();
    }
}
