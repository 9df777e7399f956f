package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Version 2's HTTP contract from the outside: the server as its main starts it, the real local
 * issuer beside it, and two people, Ann and Bob, each signed up and signed in over HTTP.
 */
class ListsApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext server;
    private static int port;
    private static Caller ann;
    private static Caller bob;

    @BeforeAll
    static void start() {
        server = LivetodosApplication.application().run("--server.port=0", "--livetodos.in-memory=true");
        port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        ann = new Caller(LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken());
        bob = new Caller(LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPersonsFirstSignInGivesThemMyTodosWhichAScriptFindsWithItsTokenAlone() {
        Caller someone = new Caller(LocalSignIn.at(server.getEnvironment(), port).signUpAndGetAccessToken());

        JsonNode lists = someone.json(someone.send("GET", "/api/lists", null).expectStatus().isOk());
        JsonNode again = someone.json(someone.send("GET", "/api/lists", null).expectStatus().isOk());
        JsonNode me = someone.json(someone.send("GET", "/api/me", null).expectStatus().isOk());

        assertThat(lists).hasSize(1);
        assertThat(lists.get(0).get("name").asString()).isEqualTo("My todos");
        assertThat(lists.get(0).get("role").asString()).isEqualTo("owner");
        assertThat(lists.get(0).get("version").asLong()).isEqualTo(1);
        assertThat(lists.get(0).has("seq")).isTrue();
        assertThat(again).isEqualTo(lists);
        assertThat(me.get("id").asString()).isNotBlank();
        assertThat(me.get("name").asString()).startsWith("Person ");
    }

    @Test
    void aPrivateListIsNotFoundForAnyoneElseAndTheirWritesChangeNothing() {
        String list = ann.createList("Private");
        ann.send("POST", todos(list), "{\"id\":\"t1\",\"name\":\"Secret\"}").expectStatus().isCreated()
                .expectHeader().location("/api/lists/" + list + "/todos/t1");

        expectListNotFound(bob.send("GET", todos(list), null));
        expectListNotFound(bob.send("GET", todos(list) + "/t1", null));
        expectListNotFound(bob.send("GET", "/api/lists/" + list + "/members", null));
        expectListNotFound(bob.send("PUT", "/api/lists/" + list, "{\"name\":\"Mine now\"}"));
        expectListNotFound(bob.send("DELETE", "/api/lists/" + list, null));
        expectListNotFound(bob.send("POST", "/api/lists/" + list + "/invites", "{\"role\":\"editor\"}"));
        expectListNotFound(bob.send("POST", todos(list), "{\"name\":\"Sneaked in\"}"));
        expectListNotFound(bob.send("PUT", todos(list), "[{\"id\":\"t1\",\"changes\":{\"name\":\"Changed\"}}]"));
        expectListNotFound(bob.send("DELETE", todos(list), "[\"t1\"]"));
        // An unknown list answers exactly the same.
        expectListNotFound(bob.send("GET", todos(UUID.randomUUID().toString()), null));

        JsonNode stored = ann.json(ann.send("GET", todos(list), null).expectStatus().isOk());
        assertThat(stored).singleElement().satisfies(todo -> {
            assertThat(todo.get("name").asString()).isEqualTo("Secret");
            assertThat(todo.get("version").asLong()).isEqualTo(1);
        });
        assertThat(bob.listIds()).doesNotContain(list);
    }

    @Test
    void aViewerWhoJoinsByInviteReadsButCannotWriteAndIsNotFoundOnceRemoved() {
        String list = ann.createList("Trip");
        ann.send("POST", todos(list), "{\"id\":\"passport\",\"name\":\"Passport\"}").expectStatus().isCreated();

        JsonNode invite = ann.json(ann.send("POST", "/api/lists/" + list + "/invites", "{\"role\":\"viewer\"}")
                .expectStatus().isCreated()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore()));
        String token = invite.get("token").asString();
        assertThat(invite.get("url").asString()).isEqualTo("http://localhost:" + port + "/#/invite/" + token);
        assertThat(invite.get("expiresAt").asString()).isNotBlank();

        JsonNode joined = bob.json(bob.send("POST", "/api/invites/" + token, null).expectStatus().isOk());
        assertThat(joined.get("id").asString()).isEqualTo(list);
        assertThat(joined.get("name").asString()).isEqualTo("Trip");
        assertThat(joined.get("role").asString()).isEqualTo("viewer");
        assertThat(bob.listIds()).contains(list);
        assertThat(bob.json(bob.send("GET", todos(list), null).expectStatus().isOk())).hasSize(1);
        JsonNode members = bob.json(bob.send("GET", "/api/lists/" + list + "/members", null).expectStatus().isOk());
        assertThat(members).extracting(member -> member.get("id").asString() + ":" + member.get("role").asString())
                .containsExactly(ann.id() + ":owner", bob.id() + ":viewer");

        bob.problem(bob.send("POST", todos(list), "{\"name\":\"Sneaked in\"}"), 403, "/problems/forbidden");
        bob.problem(bob.send("PUT", todos(list), "[{\"id\":\"passport\",\"changes\":{\"status\":\"completed\"}}]"), 403,
                "/problems/forbidden");
        bob.problem(bob.send("DELETE", todos(list), "[\"passport\"]"), 403, "/problems/forbidden");
        bob.problem(bob.send("POST", "/api/lists/" + list + "/invites", "{\"role\":\"editor\"}"), 403, "/problems/forbidden");
        bob.problem(bob.send("PUT", "/api/lists/" + list, "{\"name\":\"Bob's\"}"), 403, "/problems/forbidden");
        JsonNode unchanged = ann.json(ann.send("GET", todos(list), null).expectStatus().isOk());
        assertThat(unchanged).singleElement().satisfies(todo -> {
            assertThat(todo.get("status").asString()).isEqualTo("pending");
            assertThat(todo.get("version").asLong()).isEqualTo(1);
        });

        ann.send("DELETE", "/api/lists/" + list + "/members/" + bob.id(), null).expectStatus().isNoContent();

        expectListNotFound(bob.send("GET", todos(list), null));
        expectListNotFound(bob.send("POST", todos(list), "{\"name\":\"Sneaked in\"}"));
        assertThat(bob.listIds()).doesNotContain(list);
    }

    @Test
    void anEditorWritesAndAnyoneButTheOwnerCanLeave() {
        String list = ann.createList("Chores");
        String token = ann.json(ann.send("POST", "/api/lists/" + list + "/invites", "{\"role\":\"editor\"}")
                .expectStatus().isCreated()).get("token").asString();
        bob.send("POST", "/api/invites/" + token, null).expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("editor");

        bob.send("POST", todos(list), "{\"id\":\"dishes\",\"name\":\"Dishes\"}").expectStatus().isCreated();
        ann.problem(ann.send("DELETE", "/api/lists/" + list + "/members/" + ann.id(), null), 403, "/problems/forbidden");
        bob.send("DELETE", "/api/lists/" + list + "/members/" + bob.id(), null).expectStatus().isNoContent();

        expectListNotFound(bob.send("GET", todos(list), null));
        assertThat(ann.json(ann.send("GET", todos(list), null).expectStatus().isOk())).hasSize(1);
        assertThat(ann.json(ann.send("GET", "/api/lists/" + list + "/members", null).expectStatus().isOk())).hasSize(1);
    }

    @Test
    void anUnknownInviteIsNotFound() {
        bob.problem(bob.send("POST", "/api/invites/" + "A".repeat(43), null), 404, "/problems/not-found");
        bob.problem(bob.send("POST", "/api/invites/not-a-token", null), 404, "/problems/not-found");
    }

    @Test
    void creatingAListIsIdempotentAndAnIdTakenWithOtherContentIsAConflict() {
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"name\":\"Books\"}";

        JsonNode created = ann.json(ann.send("POST", "/api/lists", body).expectStatus().isCreated()
                .expectHeader().location("/api/lists/" + id));
        JsonNode replayed = ann.json(ann.send("POST", "/api/lists", body).expectStatus().isOk());
        ann.problem(ann.send("POST", "/api/lists", "{\"id\":\"" + id + "\",\"name\":\"Films\"}"), 409, "/problems/conflict");
        bob.problem(bob.send("POST", "/api/lists", body), 409, "/problems/conflict");

        assertThat(replayed).isEqualTo(created);
        assertThat(created.get("role").asString()).isEqualTo("owner");
        expectListNotFound(bob.send("GET", todos(id), null));
    }

    @Test
    void aRenameAgainstAStaleVersionIsAConflictAndChangesNothing() {
        String list = ann.createList("Garden");

        JsonNode renamed = ann.json(ann.send("PUT", "/api/lists/" + list, "{\"name\":\"Backyard\",\"version\":1}").expectStatus().isOk());
        var stale = ann.send("PUT", "/api/lists/" + list, "{\"name\":\"Front yard\",\"version\":1}");

        assertThat(renamed.get("name").asString()).isEqualTo("Backyard");
        assertThat(renamed.get("version").asLong()).isEqualTo(2);
        ann.problem(stale, 409, "/problems/conflict")
                .jsonPath("$.conflicts[0].id").isEqualTo(list)
                .jsonPath("$.conflicts[0].currentVersion").isEqualTo(2);
        assertThat(ann.list(list).get("name").asString()).isEqualTo("Backyard");
    }

    @Test
    void aDeletedListIsNotFoundAfterwards() {
        String list = ann.createList("Old");
        ann.send("POST", todos(list), "{\"name\":\"Forgotten\"}").expectStatus().isCreated();

        ann.send("DELETE", "/api/lists/" + list, null).expectStatus().isNoContent();

        expectListNotFound(ann.send("GET", todos(list), null));
        expectListNotFound(ann.send("PUT", "/api/lists/" + list, "{\"name\":\"Back\"}"));
        assertThat(ann.listIds()).doesNotContain(list);
    }

    @Test
    void malformedBodiesAre400AndWriteNothing() {
        String list = ann.createList("Strict");
        List<String> before = ann.listIds();

        ann.problem(ann.send("POST", "/api/lists", "{\"name\":\"Extra\",\"colour\":\"red\"}"), 400, "/problems/invalid-request");
        ann.problem(ann.send("POST", "/api/lists", "{\"name\":42}"), 400, "/problems/invalid-request");
        ann.problem(ann.send("POST", "/api/lists", "{\"name\":\"" + "x".repeat(501) + "\"}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        ann.problem(ann.send("POST", "/api/lists", "{\"name\":"), 400, "about:blank");
        ann.problem(ann.send("PUT", "/api/lists/" + list, "{\"name\":\"Renamed\",\"version\":\"1\"}"), 400, "/problems/invalid-request");
        ann.problem(ann.send("PUT", "/api/lists/" + list, "{\"name\":\"   \"}"), 400, "/problems/invalid-request");
        ann.problem(ann.send("POST", "/api/lists/" + list + "/invites", "{\"role\":\"owner\"}"), 400, "/problems/invalid-request");
        ann.problem(ann.send("POST", todos(list), "{\"name\":\"Todo\",\"priority\":1}"), 400, "/problems/invalid-request");
        ann.problem(ann.send("POST", todos(list), "[]"), 400, "/problems/invalid-request");

        assertThat(ann.listIds()).isEqualTo(before);
        assertThat(ann.list(list).get("name").asString()).isEqualTo("Strict");
        assertThat(ann.list(list).get("version").asLong()).isEqualTo(1);
        assertThat(ann.json(ann.send("GET", todos(list), null).expectStatus().isOk())).isEmpty();
    }

    @Test
    void versionOnesRoutesAreGone() {
        ann.problem(ann.send("GET", "/api/todos", null), 404, "about:blank");
    }

    private static String todos(String list) {
        return "/api/lists/" + list + "/todos";
    }

    private static void expectListNotFound(WebTestClient.ResponseSpec response) {
        response.expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/not-found")
                .jsonPath("$.title").isEqualTo("List not found");
    }

    /** One signed-in person's client. */
    private static final class Caller {

        private final WebTestClient http;
        private String id;

        Caller(String accessToken) {
            http = OpenApiContract.client(port)
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).build();
        }

        WebTestClient.ResponseSpec send(String method, String path, String json) {
            var request = http.method(HttpMethod.valueOf(method)).uri(path);
            return json == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
        }

        JsonNode json(WebTestClient.ResponseSpec response) {
            byte[] body = response.expectHeader().contentType(MediaType.APPLICATION_JSON).expectBody().returnResult().getResponseBody();
            return JSON.readTree(body);
        }

        WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String type) {
            return response.expectStatus().isEqualTo(status)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(status)
                    .jsonPath("$.type").isEqualTo(type)
                    .jsonPath("$.detail").isNotEmpty();
        }

        String id() {
            if (id == null) {
                id = json(send("GET", "/api/me", null).expectStatus().isOk()).get("id").asString();
            }
            return id;
        }

        /** Creates a list with a fresh id; its id. */
        String createList(String name) {
            String listId = UUID.randomUUID().toString();
            send("POST", "/api/lists", JSON.writeValueAsString(Map.of("id", listId, "name", name))).expectStatus().isCreated();
            return listId;
        }

        List<String> listIds() {
            return json(send("GET", "/api/lists", null).expectStatus().isOk()).valueStream().map(list -> list.get("id").asString()).toList();
        }

        JsonNode list(String listId) {
            return json(send("GET", "/api/lists", null).expectStatus().isOk()).valueStream()
                    .filter(list -> list.get("id").asString().equals(listId)).findFirst().orElseThrow();
        }
    }
}
