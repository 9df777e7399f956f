package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.adapter.out.dynamodb.DynamoDbInvites;
import dev.livetodos.adapter.out.dynamodb.DynamoDbLists;
import dev.livetodos.adapter.out.dynamodb.DynamoDbMembers;
import dev.livetodos.application.port.in.AcceptInviteCommand;
import dev.livetodos.application.port.in.CreateInviteCommand;
import dev.livetodos.application.port.in.CreateListCommand;
import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.in.RemoveMemberCommand;
import dev.livetodos.application.service.AcceptInviteService;
import dev.livetodos.application.service.CreateInviteService;
import dev.livetodos.application.service.CreateListService;
import dev.livetodos.application.service.RemoveMemberService;
import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live changes reach exactly the people on a list, from the outside: the server as its main
 * starts it, two people signed in on the real local issuer, each with a real WebSocket client
 * opened with a ticket from {@code POST /api/live/tickets}. Lists, invites and members are made
 * through the core's list use cases over the server's own stores (the HTTP routes for lists are
 * not this test's subject), todos through the server's use-case beans; every change reaches the
 * sockets through the table's stream, as in production.
 *
 * <p>"No frame of a list" is proven with a fence: a later change of a list the person is on.
 * The stream is published batch by batch in order and a connection's frames arrive in order, so
 * once the fence has arrived, any frame of the earlier change would have arrived before it.
 */
class ScopedLiveChangesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext server;
    private static int port;
    private static WebTestClient http;

    private Person alice;
    private Person bob;
    private LiveClient alicesSocket;
    private LiveClient bobsSocket;
    private ListId alicesList;
    private ListId bobsList;

    @BeforeAll
    static void start() {
        server = LivetodosApplication.application().run("--server.port=0", "--livetodos.in-memory=true");
        port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = OpenApiContract.client(port).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void twoPeopleEachWithAListAndASocket() {
        String alicesToken = LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken();
        String bobsToken = LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken();
        alice = new Person(subjectOf(alicesToken), "Alice");
        bob = new Person(subjectOf(bobsToken), "Bob");
        alicesList = createList(alice, "Alice's");
        bobsList = createList(bob, "Bob's");
        alicesSocket = connect(alicesToken);
        bobsSocket = connect(bobsToken);
    }

    @AfterEach
    void closeSockets() {
        alicesSocket.close();
        bobsSocket.close();
    }

    @Test
    void givenAlicesPrivateList_thenHerChangesReachHerAndNoFrameOfItReachesBob() {
        Todo milk = createTodo(alice, alicesList, "Buy milk");

        alicesSocket.awaitFrame(frame -> isChangesOf(frame, alicesList, milk.id()), WAIT);
        fence();

        assertThat(framesOf(bobsSocket, alicesList)).isEmpty();
    }

    @Test
    void givenBobJoinsAlicesList_thenHeGetsTheListWithHisRoleAndThenHerChanges() {
        join(bob, alicesList, Role.EDITOR);

        String upsert = bobsSocket.awaitFrame(frame -> isListFrame(frame, "upsert", alicesList), WAIT);
        Todo bread = createTodo(alice, alicesList, "Bake bread");
        String changes = bobsSocket.awaitFrame(frame -> isChangesOf(frame, alicesList, bread.id()), WAIT);

        JsonNode list = JSON.readTree(upsert).path("list");
        assertThat(list.path("id").asString()).isEqualTo(alicesList.value());
        assertThat(list.path("name").asString()).isEqualTo("Alice's");
        assertThat(list.path("role").asString()).isEqualTo("editor");
        assertThat(list.path("version").asLong()).isEqualTo(1);
        assertThat(bobsSocket.frames().indexOf(upsert)).isLessThan(bobsSocket.frames().indexOf(changes));
    }

    @Test
    void givenBobIsRemoved_thenHeGetsListRemovedAndNoFrameOfTheListAfterwardsWhileDeletesStillReachAlice() {
        join(bob, alicesList, Role.EDITOR);
        Todo eggs = createTodo(alice, alicesList, "Eggs");
        bobsSocket.awaitFrame(frame -> isChangesOf(frame, alicesList, eggs.id()), WAIT);

        new RemoveMemberService(server.getBean(DynamoDbLists.class), server.getBean(DynamoDbMembers.class))
                .removeMember(new RemoveMemberCommand(alicesList, bob.id(), alice.id())).block(WAIT);
        String removed = bobsSocket.awaitFrame(frame -> isListFrame(frame, "removed", alicesList), WAIT);
        Todo secret = createTodo(alice, alicesList, "After Bob left");
        server.getBean(DeleteTodosUseCase.class).deleteTodos(new DeleteTodosCommand(alicesList, alice.id(), List.of(eggs.id())))
                .block(WAIT);

        alicesSocket.awaitFrame(frame -> isChangesOf(frame, alicesList, secret.id()), WAIT);
        alicesSocket.awaitFrame(frame -> isDeleteOf(frame, alicesList, eggs.id()), WAIT);
        fence();
        List<String> bobsFrames = bobsSocket.frames();
        assertThat(bobsFrames.subList(bobsFrames.indexOf(removed) + 1, bobsFrames.size()))
                .noneMatch(frame -> frame.contains(alicesList.value()));
        assertThat(removed).isEqualTo("{\"type\":\"list\",\"op\":\"removed\",\"listId\":\"" + alicesList.value() + "\"}");
    }

    @Test
    void givenADeleteOnAlicesPrivateList_thenOnlyAliceHearsOfIt() {
        Todo milk = createTodo(alice, alicesList, "Milk");
        alicesSocket.awaitFrame(frame -> isChangesOf(frame, alicesList, milk.id()), WAIT);

        server.getBean(DeleteTodosUseCase.class).deleteTodos(new DeleteTodosCommand(alicesList, alice.id(), List.of(milk.id())))
                .block(WAIT);

        alicesSocket.awaitFrame(frame -> isDeleteOf(frame, alicesList, milk.id()), WAIT);
        fence();
        assertThat(framesOf(bobsSocket, alicesList)).isEmpty();
    }

    /** A change of Bob's own list, after everything before it: once it is on his socket, so is anything that came earlier. */
    private void fence() {
        Todo fence = createTodo(bob, bobsList, "Fence");
        bobsSocket.awaitFrame(frame -> isChangesOf(frame, bobsList, fence.id()), WAIT);
    }

    private ListId createList(Person owner, String name) {
        return new CreateListService(server.getBean(DynamoDbLists.class), ListId::random)
                .createList(new CreateListCommand(Optional.empty(), name, owner)).block(WAIT).list().id();
    }

    /** The owner invites the person, who accepts: the member item is written as the invite route writes it. */
    private void join(Person person, ListId list, Role role) {
        DynamoDbLists lists = server.getBean(DynamoDbLists.class);
        DynamoDbInvites invites = new DynamoDbInvites(server.getBean(software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient.class),
                server.getBean(StoreConnection.class).tableName(), Clock.systemUTC());
        Invite invite = new CreateInviteService(lists, invites, Clock.systemUTC())
                .createInvite(new CreateInviteCommand(list, role, alice.id())).block(WAIT);
        new AcceptInviteService(invites, lists, server.getBean(DynamoDbMembers.class))
                .acceptInvite(new AcceptInviteCommand(invite.token().value(), person)).block(WAIT);
    }

    private static Todo createTodo(Person caller, ListId list, String name) {
        return server.getBean(CreateTodoUseCase.class)
                .createTodo(new CreateTodoCommand(list, caller.id(), Optional.empty(), name, TodoStatus.PENDING)).block(WAIT).todo();
    }

    private static LiveClient connect(String token) {
        String ticket = SignedInLiveTest.ticket(http, token);
        LiveClient client = LiveClient.connect(URI.create("ws://localhost:" + port + "/ws?ticket=" + ticket));
        client.send("{\"type\":\"ping\"}");
        client.awaitFrame(LiveClient.PONG::equals, WAIT);
        return client;
    }

    /** The person a token is for: its {@code sub}, as the resource server reads it. */
    private static PersonId subjectOf(String token) {
        byte[] claims = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        return PersonId.of(JSON.readTree(new String(claims, StandardCharsets.UTF_8)).path("sub").asString());
    }

    private static List<String> framesOf(LiveClient client, ListId list) {
        return client.frames().stream().filter(frame -> frame.contains("\"" + list.value() + "\"")).toList();
    }

    private static boolean isChangesOf(String frame, ListId list, TodoId todo) {
        JsonNode message = JSON.readTree(frame);
        return "changes".equals(message.path("type").asString()) && list.value().equals(message.path("listId").asString())
                && message.path("changes").valueStream().anyMatch(change -> todo.value().equals(change.path("todo").path("id").asString()));
    }

    private static boolean isDeleteOf(String frame, ListId list, TodoId todo) {
        JsonNode message = JSON.readTree(frame);
        return "changes".equals(message.path("type").asString()) && list.value().equals(message.path("listId").asString())
                && message.path("changes").valueStream().anyMatch(change -> "delete".equals(change.path("op").asString())
                        && todo.value().equals(change.path("id").asString()));
    }

    private static boolean isListFrame(String frame, String op, ListId list) {
        JsonNode message = JSON.readTree(frame);
        if (!"list".equals(message.path("type").asString()) || !op.equals(message.path("op").asString())) {
            return false;
        }
        String id = "removed".equals(op) ? message.path("listId").asString() : message.path("list").path("id").asString();
        return list.value().equals(id);
    }
}
