package dev.livetodos.adapter.in.websocket;

import static dev.livetodos.adapter.in.websocket.LocalWebSocketHost.PATIENCE;
import static dev.livetodos.adapter.in.websocket.LocalWebSocketHost.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.livetodos.adapter.in.websocket.LocalWebSocketHost.Connected;
import dev.livetodos.adapter.out.websocket.WebSocketSubscribers;
import dev.livetodos.adapter.wire.JsonChangeFrames;
import dev.livetodos.application.port.in.PublishReport;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.application.service.ChangeBatches;
import dev.livetodos.application.service.FixedRosters;
import dev.livetodos.application.service.PublishTodoChangesService;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A browser's connection at /ws, from opening to closing, over a real server. */
class TodoWebSocketHandlerTest {

    private static final JsonChangeFrames FRAMES = new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES);

    private static final String PING = "{\"type\":\"ping\"}";

    private final LocalWebSocketHost host = new LocalWebSocketHost(256);
    private final WebSocketSubscribers subscribers = host.subscribers;

    @AfterEach
    void stopHost() {
        host.close();
    }

    private void send(SubscriberId subscriber, String frame) {
        StepVerifier.create(subscribers.send(subscriber, frame)).expectComplete().verify(PATIENCE);
    }

    private static void expectFrames(Connected client, String... frames) {
        StepVerifier.create(client.client().frames().take(frames.length))
                .expectNext(frames)
                .expectComplete()
                .verify(PATIENCE);
    }

    @Test
    void givenAClientConnects_thenItsSessionIsASubscriber() {
        Connected client = host.connect(TestClient::reading);

        var everyone = subscribers.all();

        StepVerifier.create(everyone).expectNext(client.id()).expectComplete().verify(PATIENCE);
    }

    @Test
    void givesAClientTheFramesSentToItInTheOrderSent() {
        Connected client = host.connect(TestClient::reading);

        send(client.id(), "{\"n\":1}");
        send(client.id(), "{\"n\":2}");
        send(client.id(), "{\"n\":3}");

        expectFrames(client, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    }

    @Test
    void answersPingWithPong() {
        Connected client = host.connect(TestClient::reading);

        client.client().send(PING);

        expectFrames(client, FRAMES.pong());
    }

    @Test
    void answersAPingWrittenWithWhiteSpaceAndExtraFields() {
        Connected client = host.connect(TestClient::reading);

        client.client().send(" {\n  \"type\" : \"ping\",\n  \"sentAt\": 1712345678 }\n");

        expectFrames(client, FRAMES.pong());
    }

    @Test
    void answersAnythingButAPingWithAnError_andStaysSubscribed() {
        Connected client = host.connect(TestClient::reading);

        client.client().send("hello");
        client.client().send("{\"type\":\"pong\"}");
        client.client().send("{\"type\":5}");
        client.client().send("[\"ping\"]");
        client.client().send(PING);

        String error = TodoWebSocketHandler.NOT_UNDERSTOOD;
        expectFrames(client, error, error, error, error, FRAMES.pong());
        assertThat(host.ids()).containsExactly(client.id());
    }

    @Test
    void forgetsAClientThatClosesItsConnection() {
        Connected leaving = host.connect(TestClient::reading);
        Connected staying = host.connect(TestClient::reading);

        leaving.client().close();

        eventually(host.isSubscribed(leaving.id()).map(subscribed -> !subscribed));
        assertThat(host.ids()).containsExactly(staying.id());
    }

    @Test
    void forgetsAClientWhoseConnectionIsLost() {
        Connected lost = host.connect(TestClient::reading);

        lost.client().abort();

        eventually(host.isSubscribed(lost.id()).map(subscribed -> !subscribed));
    }

    @Test
    void givenTwoClientsOfAMember_whenABatchIsPublished_thenBothReceiveIt() {
        Connected first = host.connect(TestClient::reading);
        Connected second = host.connect(TestClient::reading);
        Todo todo = Todo.create(new TodoId("milk"), "Buy milk", TodoStatus.PENDING, Instant.parse("2025-01-02T03:04:05Z"));
        List<TodoChange> changes = List.of(new TodoChange.Upserted(todo), TodoChange.Deleted.of(todo));
        ListId list = ListId.of("groceries");
        var members = FixedRosters.listWith(list, LocalWebSocketHost.SOMEONE);

        var publishing = new PublishTodoChangesService(subscribers, members, FRAMES, 4)
                .publish(new PublishTodoChangesCommand(ChangeBatches.onList(list, changes)));

        StepVerifier.create(publishing)
                .expectNext(new PublishReport(List.of(), 2, 0))
                .expectComplete()
                .verify(PATIENCE);
        String frame = FRAMES.split(list, changes).get(0).text();
        expectFrames(first, frame);
        expectFrames(second, frame);
    }

    @Test
    void givenClientsOfTwoPeople_whenAListOfOneIsPublished_thenOnlyThatPersonsClientGetsIt() {
        PersonId ann = new PersonId("ann");
        Connected annsClient = host.connectAs(ann, TestClient::reading);
        Connected bobsClient = host.connectAs(new PersonId("bob"), TestClient::reading);
        ListId list = ListId.of("anns");
        List<TodoChange> changes = List.of(new TodoChange.Deleted(new TodoId("milk"), 2));

        var publishing = new PublishTodoChangesService(subscribers, FixedRosters.listWith(list, ann), FRAMES, 4)
                .publish(new PublishTodoChangesCommand(ChangeBatches.onList(list, changes)));

        StepVerifier.create(publishing).expectNext(new PublishReport(List.of(), 1, 0)).expectComplete().verify(PATIENCE);
        expectFrames(annsClient, FRAMES.split(list, changes).get(0).text());
        StepVerifier.create(subscribers.of(new PersonId("bob"))).expectNext(bobsClient.id()).expectComplete().verify(PATIENCE);
        // Frames to one session arrive in order: if Bob's first frame is this marker, nothing came before it.
        send(bobsClient.id(), "{\"marker\":true}");
        expectFrames(bobsClient, "{\"marker\":true}");
    }

    @Test
    void givenASessionIdThatIsTaken_thenTheNewcomerIsClosedWith1013AndTheFirstKeepsIt() {
        TodoWebSocketHandler handler = new TodoWebSocketHandler(subscribers, subscriber -> Mono.empty(), 8);
        FakeSession first = FakeSession.reading("same");
        FakeSession newcomer = FakeSession.reading("same");
        Disposable firstSession = handler.handle(first).subscribe();

        var newcomerSession = handler.handle(newcomer);

        StepVerifier.create(newcomerSession).expectComplete().verify(PATIENCE);
        StepVerifier.create(newcomer.closeStatus()).expectNext(TodoWebSocketHandler.ID_TAKEN).expectComplete().verify(PATIENCE);
        send(new SubscriberId("same"), "still yours");
        assertThat(first.sent()).containsExactly("still yours");
        assertThat(first.isOpen()).isTrue();
        firstSession.dispose();
        assertThat(host.ids()).isEmpty();
    }

    @Test
    void refusesAnOutboundBufferWithoutRoomForAFrame() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TodoWebSocketHandler(subscribers, subscriber -> Mono.empty(), 0))
                .withMessageContaining("outboundBufferFrames");
    }

    @Test
    void isMappedAtWsAheadOfTheFunctionalRoutes() {
        TodoWebSocketHandler handler = new TodoWebSocketHandler(subscribers, subscriber -> Mono.empty(), 8);

        var mapping = TodoWebSocketHandler.handlerMapping(handler);

        // The handshake is admitted first (origin, caps), then upgraded to the handler.
        assertThat(mapping.getUrlMap()).containsOnlyKeys("/ws");
        assertThat(mapping.getUrlMap().get("/ws")).isInstanceOf(WebSocketAdmission.class);
        assertThat(mapping.getOrder()).isLessThan(-1);
    }
}
