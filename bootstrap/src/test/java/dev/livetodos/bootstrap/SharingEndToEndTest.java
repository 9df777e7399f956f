package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sharing a list, entirely from the outside, as two or three browsers would: the server as its
 * main starts it, people signed up on the real local issuer, the v2 HTTP routes for lists,
 * invites, members and todos, and each person's real WebSocket client opened with a ticket.
 *
 * <p>"No frame of a list" is proven with a fence: a later change of a list the person is on.
 * The stream is published batch by batch in order and a connection's frames arrive in order, so
 * once the fence has arrived, any frame of the earlier change would have arrived before it.
 */
class SharingEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext server;

    private SignedIn ada;
    private SignedIn ben;
    private LiveClient adasSocket;
    private LiveClient bensSocket;
    private String adasList;

    @BeforeAll
    static void start() {
        server = LivetodosApplication.application().run("--server.port=0", "--livetodos.in-memory=true");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void twoPeopleOnlineAndAdaWithAPrivateList() {
        ada = SignedIn.newPerson(server);
        ben = SignedIn.newPerson(server);
        ada.listId();
        ben.listId();
        adasSocket = ada.connectedLive();
        bensSocket = ben.connectedLive();
        adasList = JSON.readTree(ada.http().post().uri("/api/lists").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Ada's errands\"}").exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).path("id").asString();
    }

    @AfterEach
    void closeSockets() {
        adasSocket.close();
        bensSocket.close();
    }

    @Test
    void givenAdasPrivateList_thenBenGets404ForItAndNoFrameOfIt() {
        String milk = create(ada, adasList, "Buy milk");
        adasSocket.awaitFrame(frame -> isUpsertOf(frame, adasList, milk), WAIT);

        ben.http().get().uri(SignedIn.todosOf(adasList)).exchange().expectStatus().isNotFound();
        ben.http().get().uri(SignedIn.todosOf(adasList) + "/" + milk).exchange().expectStatus().isNotFound();
        ben.http().get().uri("/api/lists/" + adasList + "/members").exchange().expectStatus().isNotFound();
        fence(ben, bensSocket);

        assertThat(framesAbout(bensSocket, adasList)).isEmpty();
    }

    @Test
    void givenBenJoinsByInvite_thenHisSocketGetsTheListThenAdasChanges_andHisEditsReachAda() {
        join(ben, adasList, "editor");
        String upsert = bensSocket.awaitFrame(frame -> isListFrame(frame, "upsert", adasList), WAIT);

        String bread = create(ada, adasList, "Bake bread");
        String changes = bensSocket.awaitFrame(frame -> isUpsertOf(frame, adasList, bread), WAIT);
        String butter = create(ben, adasList, "Butter");

        adasSocket.awaitFrame(frame -> isUpsertOf(frame, adasList, butter), WAIT);
        JsonNode list = JSON.readTree(upsert).path("list");
        assertThat(list.path("name").asString()).isEqualTo("Ada's errands");
        assertThat(list.path("role").asString()).isEqualTo("editor");
        assertThat(bensSocket.frames().indexOf(upsert)).isLessThan(bensSocket.frames().indexOf(changes));
    }

    @Test
    void givenAViewer_thenTheirWriteIs403AndNoFrameOfItReachesAnyone() {
        join(ben, adasList, "viewer");
        bensSocket.awaitFrame(frame -> isListFrame(frame, "upsert", adasList), WAIT);
        String refused = UUID.randomUUID().toString();

        Json.post(ben.http(), SignedIn.todosOf(adasList), "{\"id\":\"" + refused + "\",\"name\":\"Not mine to add\"}")
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        // A change after the refused write, on the list both are on: it reaches both sockets last.
        String after = create(ada, adasList, "After the refused write");
        adasSocket.awaitFrame(frame -> isUpsertOf(frame, adasList, after), WAIT);
        bensSocket.awaitFrame(frame -> isUpsertOf(frame, adasList, after), WAIT);
        assertThat(adasSocket.frames()).noneMatch(frame -> frame.contains(refused));
        assertThat(bensSocket.frames()).noneMatch(frame -> frame.contains(refused));
        ada.http().get().uri(SignedIn.todosOf(adasList) + "/" + refused).exchange().expectStatus().isNotFound();
    }

    @Test
    void givenAdaRemovesBen_thenHeGetsListRemovedAndNoFrameOfTheListAfterwards_andTheListIs404ForHimAgain() {
        join(ben, adasList, "editor");
        String eggs = create(ada, adasList, "Eggs");
        bensSocket.awaitFrame(frame -> isUpsertOf(frame, adasList, eggs), WAIT);

        ada.http().delete().uri("/api/lists/" + adasList + "/members/" + subjectOf(ben)).exchange().expectStatus().isNoContent();
        String removed = bensSocket.awaitFrame(frame -> isListFrame(frame, "removed", adasList), WAIT);
        String secret = create(ada, adasList, "After Ben left");
        Json.delete(ada.http(), SignedIn.todosOf(adasList), "[\"" + eggs + "\"]").expectStatus().isOk();
        adasSocket.awaitFrame(frame -> isUpsertOf(frame, adasList, secret), WAIT);
        fence(ben, bensSocket);

        List<String> frames = bensSocket.frames();
        assertThat(frames.subList(frames.indexOf(removed) + 1, frames.size())).noneMatch(frame -> frame.contains(adasList));
        ben.http().get().uri(SignedIn.todosOf(adasList)).exchange().expectStatus().isNotFound();
    }

    @Test
    void givenAdaDeletesTheSharedList_thenBensPageIsToldItIsGone() {
        join(ben, adasList, "editor");
        bensSocket.awaitFrame(frame -> isListFrame(frame, "upsert", adasList), WAIT);

        ada.http().delete().uri("/api/lists/" + adasList).exchange().expectStatus().isNoContent();

        bensSocket.awaitFrame(frame -> isListFrame(frame, "removed", adasList), WAIT);
        ben.http().get().uri(SignedIn.todosOf(adasList)).exchange().expectStatus().isNotFound();
    }

    /** Ada invites the person with the role; they open the invite signed in. */
    private void join(SignedIn person, String list, String role) {
        String invite = ada.http().post().uri("/api/lists/" + list + "/invites").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"role\":\"" + role + "\"}").exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String token = JSON.readTree(invite).path("token").asString();
        person.http().post().uri("/api/invites/" + token).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(list).jsonPath("$.role").isEqualTo(role);
    }

    /** A change of the person's own list, after everything before it: once it is on their socket, so is anything earlier. */
    private static void fence(SignedIn person, LiveClient socket) {
        String fence = create(person, person.listId(), "Fence");
        socket.awaitFrame(frame -> isUpsertOf(frame, person.listId(), fence), WAIT);
    }

    private static String create(SignedIn person, String list, String name) {
        return person.createTodo(list, UUID.randomUUID().toString(), name);
    }

    private static String subjectOf(SignedIn person) {
        return person.http().get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("id").asString();
    }

    private static boolean isUpsertOf(String frame, String list, String todo) {
        JsonNode json = JSON.readTree(frame);
        if (!"changes".equals(json.path("type").asString()) || !list.equals(json.path("listId").asString())) {
            return false;
        }
        for (JsonNode change : json.path("changes")) {
            if ("upsert".equals(change.path("op").asString()) && todo.equals(change.path("todo").path("id").asString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isListFrame(String frame, String op, String list) {
        JsonNode json = JSON.readTree(frame);
        return "list".equals(json.path("type").asString()) && op.equals(json.path("op").asString())
                && (list.equals(json.path("listId").asString()) || list.equals(json.path("list").path("id").asString()));
    }

    private static List<String> framesAbout(LiveClient socket, String list) {
        return socket.frames().stream().filter(frame -> frame.contains(list)).toList();
    }
}
