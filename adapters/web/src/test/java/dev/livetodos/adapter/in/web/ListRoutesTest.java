package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreateListCommand;
import dev.livetodos.application.port.in.CreatedList;
import dev.livetodos.application.port.in.DeleteListCommand;
import dev.livetodos.application.port.in.EnsurePersonCommand;
import dev.livetodos.application.port.in.ListMyListsCommand;
import dev.livetodos.application.port.in.RenameListCommand;
import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListConflictException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /api/me} and {@code /api/lists[/{listId}]}: who the caller is, their lists, and the owner's changes to a list. */
class ListRoutesTest {

    private static final PersonId ANN = PersonId.of("ann-1");
    private static final TodoList GROCERIES = new TodoList(ListId.of("groceries"), "Groceries", ANN, 3, 17);

    private final ListApi api = new ListApi();

    @Test
    void givenASignedInCaller_thenMeAnswersTheirIdAndNameAndMakesSureTheyAreKnown() {
        api.ensurePerson = command -> Mono.empty();

        var response = api.client().get().uri("/api/me").exchange();

        response.expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().consumeWith(ListApi.sameJsonAs("{\"id\":\"ann-1\",\"name\":\"Ann\"}"));
        assertThat(api.calls).containsExactly(new EnsurePersonCommand(new Person(ANN, "Ann")));
    }

    @Test
    void givenATokenWithoutName_thenTheNameComesFromPreferredUsernameThenEmailThenTheId() {
        api.ensurePerson = command -> Mono.empty();

        api.claims = Map.of("sub", "ann-1", "preferred_username", "ann", "email", "ann@example.com");
        api.client().get().uri("/api/me").exchange().expectBody().jsonPath("$.name").isEqualTo("ann");
        api.claims = Map.of("sub", "ann-1", "email", "ann@example.com");
        api.client().get().uri("/api/me").exchange().expectBody().jsonPath("$.name").isEqualTo("ann@example.com");
        api.claims = Map.of("sub", "ann-1", "name", "  ");
        api.client().get().uri("/api/me").exchange().expectBody().jsonPath("$.name").isEqualTo("ann-1");
    }

    @Test
    void givenNoCaller_thenEveryRouteAnswers401AndAsksNothing() {
        api.signedOut();

        TodoApi.expectProblem(api.client().get().uri("/api/me").exchange(), 401, "about:blank");
        TodoApi.expectProblem(api.client().get().uri("/api/lists").exchange(), 401, "about:blank");
        TodoApi.expectProblem(api.send("POST", "/api/lists", "{\"name\":\"A\"}"), 401, "about:blank");
        TodoApi.expectProblem(api.client().delete().uri("/api/lists/groceries").exchange(), 401, "about:blank");
        assertThat(api.calls).isEmpty();
    }

    @Test
    void givenATokenWhoseSubjectCannotBeAnId_thenItIs401() {
        api.claims = Map.of("sub", "LIST#x");

        TodoApi.expectProblem(api.client().get().uri("/api/me").exchange(), 401, "about:blank");
        assertThat(api.calls).isEmpty();
    }

    @Test
    void myListsMakesSureTheCallerIsKnownThenAnswersTheirListsWithTheirRoles() {
        api.ensurePerson = command -> Mono.empty();
        api.listMyLists = command -> Flux.just(new ListWithRole(GROCERIES, Role.OWNER),
                new ListWithRole(new TodoList(ListId.of("trip"), "Trip", PersonId.of("bob"), 1, 0), Role.VIEWER));

        var response = api.client().get().uri("/api/lists").exchange();

        response.expectStatus().isOk().expectBody().consumeWith(ListApi.sameJsonAs("""
                [{"id":"groceries","name":"Groceries","role":"owner","version":3,"seq":17},
                 {"id":"trip","name":"Trip","role":"viewer","version":1,"seq":0}]"""));
        assertThat(api.calls).containsExactly(new EnsurePersonCommand(new Person(ANN, "Ann")), new ListMyListsCommand(ANN));
    }

    @Test
    void creatingAListAnswers201WithItsLocationAndTheCallerAsOwner() {
        api.createList = command -> Mono.just(new CreatedList(TodoList.create(command.id().orElseThrow(), command.name(), ANN), false));

        var response = api.send("POST", "/api/lists", "{\"id\":\"groceries\",\"name\":\"  Groceries \"}");

        response.expectStatus().isCreated()
                .expectHeader().location("/api/lists/groceries")
                .expectBody().consumeWith(ListApi.sameJsonAs("{\"id\":\"groceries\",\"name\":\"Groceries\",\"role\":\"owner\",\"version\":1,\"seq\":0}"));
        assertThat(api.calls).singleElement().isEqualTo(CreateListCommand.of("groceries", "Groceries", new Person(ANN, "Ann")));
    }

    @Test
    void givenARetryOfACreate_thenItAnswers200WithTheStoredList() {
        api.createList = command -> Mono.just(new CreatedList(GROCERIES, true));

        var response = api.send("POST", "/api/lists", "{\"id\":\"groceries\",\"name\":\"Groceries\"}");

        response.expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                .expectBody().jsonPath("$.version").isEqualTo(3);
    }

    @Test
    void givenAnIdTakenByAnotherList_thenTheCreateIsAConflictThatTellsNothingOfThatList() {
        api.createList = command -> Mono.error(ListConflictException.idTaken(ListId.of("groceries")));

        var response = api.send("POST", "/api/lists", "{\"id\":\"groceries\",\"name\":\"Mine\"}");

        TodoApi.expectProblem(response, 409, "/problems/conflict").jsonPath("$.conflicts").isEmpty();
    }

    @Test
    void givenABadCreateBody_thenItIs400AndNothingIsAsked() {
        TodoApi.expectProblem(api.send("POST", "/api/lists", "{\"name\":\"A\",\"colour\":\"red\"}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("colour");
        TodoApi.expectProblem(api.send("POST", "/api/lists", "{\"name\":7}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        TodoApi.expectProblem(api.send("POST", "/api/lists", "{\"name\":\"" + "x".repeat(501) + "\"}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        TodoApi.expectProblem(api.send("POST", "/api/lists", "{\"id\":\"a/b\",\"name\":\"\"}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors.length()").isEqualTo(2);
        TodoApi.expectProblem(api.send("POST", "/api/lists", "{\"name\":"), 400, "about:blank");
        TodoApi.expectProblem(api.client().post().uri("/api/lists").contentType(MediaType.TEXT_PLAIN).bodyValue("x").exchange(),
                415, "about:blank");
        assertThat(api.calls).isEmpty();
    }

    @Test
    void renamingAListAnswersItUnderItsNewNameOneVersionLater() {
        api.renameList = command -> Mono.just(GROCERIES.renamed(command.name()));

        var response = api.send("PUT", "/api/lists/groceries", "{\"name\":\"Food\",\"version\":3}");

        response.expectStatus().isOk()
                .expectBody().consumeWith(ListApi.sameJsonAs("{\"id\":\"groceries\",\"name\":\"Food\",\"role\":\"owner\",\"version\":4,\"seq\":17}"));
        assertThat(api.calls).singleElement()
                .isEqualTo(new RenameListCommand(ListId.of("groceries"), "Food", OptionalLong.of(3), ANN));
    }

    @Test
    void givenAStaleVersion_thenTheRenameIs409WithTheListsCurrentVersion() {
        api.renameList = command -> Mono.error(ListConflictException.staleVersion(GROCERIES));

        var response = api.send("PUT", "/api/lists/groceries", "{\"name\":\"Food\",\"version\":2}");

        TodoApi.expectProblem(response, 409, "/problems/conflict")
                .jsonPath("$.conflicts[0].id").isEqualTo("groceries")
                .jsonPath("$.conflicts[0].currentVersion").isEqualTo(3);
    }

    @Test
    void givenABadRenameBody_thenItIs400AndNothingIsAsked() {
        TodoApi.expectProblem(api.send("PUT", "/api/lists/groceries", "{\"name\":\"Food\",\"version\":\"3\"}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("version");
        TodoApi.expectProblem(api.send("PUT", "/api/lists/groceries", "{\"version\":3}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        TodoApi.expectProblem(api.send("PUT", "/api/lists/groceries", "{\"name\":\"Food\",\"version\":0}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("version");
        assertThat(api.calls).isEmpty();
    }

    @Test
    void givenAListTheCallerIsNotOn_thenRenameAndDeleteAre404() {
        api.renameList = command -> Mono.error(new ListNotFoundException(command.listId()));
        api.deleteList = command -> Mono.error(new ListNotFoundException(command.listId()));

        TodoApi.expectProblem(api.send("PUT", "/api/lists/groceries", "{\"name\":\"Food\"}"), 404, "/problems/not-found")
                .jsonPath("$.title").isEqualTo("List not found");
        TodoApi.expectProblem(api.client().delete().uri("/api/lists/groceries").exchange(), 404, "/problems/not-found");
    }

    @Test
    void givenAPathIdThatCannotNameAList_thenItIs404AndNothingIsAsked() {
        TodoApi.expectProblem(api.send("PUT", "/api/lists/" + "x".repeat(65), "{\"name\":\"Food\"}"), 404, "/problems/not-found");
        TodoApi.expectProblem(api.client().delete().uri("/api/lists/a.b").exchange(), 404, "/problems/not-found");
        assertThat(api.calls).isEmpty();
    }

    @Test
    void deletingAListAnswers204() {
        api.deleteList = command -> Mono.empty();

        api.client().delete().uri("/api/lists/groceries").exchange().expectStatus().isNoContent().expectBody().isEmpty();

        assertThat(api.calls).containsExactly(new DeleteListCommand(ListId.of("groceries"), ANN));
    }

    @Test
    void givenAMemberWhoIsNotTheOwner_thenDeleteIs403WithTheReason() {
        api.deleteList = command -> Mono.error(new ListAccessDeniedException(command.listId(), ListOperation.DELETE_LIST,
                "Only the owner of this list can do that; you are an editor."));

        TodoApi.expectProblem(api.client().delete().uri("/api/lists/groceries").exchange(), 403, "/problems/forbidden")
                .jsonPath("$.detail").isEqualTo("Only the owner of this list can do that; you are an editor.");
    }

    @Test
    void answersOtherMethodsOnKnownPathsWith405AndTheAllowedOnes() {
        var me = api.client().post().uri("/api/me").exchange();
        me.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET");
        TodoApi.expectProblem(me, 405, "about:blank");
        var lists = api.client().delete().uri("/api/lists").exchange();
        lists.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET,POST");
        TodoApi.expectProblem(lists, 405, "about:blank");
        var list = api.client().get().uri("/api/lists/groceries").exchange();
        list.expectHeader().valueEquals(HttpHeaders.ALLOW, "PUT,DELETE");
        TodoApi.expectProblem(list, 405, "about:blank");
        assertThat(api.calls).isEmpty();
    }
}
