package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.AcceptInviteCommand;
import dev.livetodos.application.port.in.CreateInviteCommand;
import dev.livetodos.application.port.in.ListMembersCommand;
import dev.livetodos.application.port.in.RemoveMemberCommand;
import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.InviteNotFoundException;
import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A list's members ({@code /api/lists/{listId}/members[/{userId}]}) and its invites, made and opened. */
class MembersAndInvitesRoutesTest {

    private static final PersonId ANN = PersonId.of("ann-1");
    private static final ListId GROCERIES = ListId.of("groceries");

    private final ListApi api = new ListApi();

    @Test
    void answersTheMembersWithTheirNamesAndRoles() {
        api.listMembers = command -> Flux.just(Member.of(GROCERIES, new Person(ANN, "Ann"), Role.OWNER),
                Member.of(GROCERIES, new Person(PersonId.of("bob-2"), "Bob"), Role.VIEWER));

        var response = api.client().get().uri("/api/lists/groceries/members").exchange();

        response.expectStatus().isOk().expectBody().consumeWith(ListApi.sameJsonAs("""
                [{"id":"ann-1","name":"Ann","role":"owner"},{"id":"bob-2","name":"Bob","role":"viewer"}]"""));
        assertThat(api.calls).containsExactly(new ListMembersCommand(GROCERIES, ANN));
    }

    @Test
    void givenAListTheCallerIsNotOn_thenItsMembersAre404() {
        api.listMembers = command -> Flux.error(new ListNotFoundException(command.listId()));

        TodoApi.expectProblem(api.client().get().uri("/api/lists/groceries/members").exchange(), 404, "/problems/not-found");
    }

    @Test
    void removingAMemberOrLeavingAnswers204() {
        api.removeMember = command -> Mono.empty();

        api.client().delete().uri("/api/lists/groceries/members/bob-2").exchange().expectStatus().isNoContent();
        api.client().delete().uri("/api/lists/groceries/members/ann-1").exchange().expectStatus().isNoContent();

        assertThat(api.calls).containsExactly(new RemoveMemberCommand(GROCERIES, PersonId.of("bob-2"), ANN),
                new RemoveMemberCommand(GROCERIES, ANN, ANN));
    }

    @Test
    void givenTheOwnerLeaving_thenItIs403WithTheReason() {
        api.removeMember = command -> Mono.error(new ListAccessDeniedException(command.listId(), ListOperation.LEAVE,
                "The owner cannot leave their own list; delete it instead."));

        TodoApi.expectProblem(api.client().delete().uri("/api/lists/groceries/members/ann-1").exchange(), 403, "/problems/forbidden")
                .jsonPath("$.detail").isEqualTo("The owner cannot leave their own list; delete it instead.");
    }

    @Test
    void givenAPathIdThatCannotNameAPerson_thenItIs404AndNothingIsAsked() {
        TodoApi.expectProblem(api.client().delete().uri("/api/lists/groceries/members/" + "x".repeat(256)).exchange(),
                404, "/problems/not-found");
        assertThat(api.calls).isEmpty();
    }

    @Test
    void anInviteAnswers201WithItsTokenThePagesLinkOnTheCallersOriginAndItsExpiry() {
        Invite invite = Invite.create(GROCERIES, Role.VIEWER, ListApi.NOW);
        api.createInvite = command -> Mono.just(invite);

        var response = api.client().post().uri("http://localhost:8080/api/lists/groceries/invites")
                .header(HttpHeaders.ORIGIN, "https://todos.example.com")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"viewer\"}").exchange();

        String token = invite.token().value();
        response.expectStatus().isCreated()
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody().consumeWith(ListApi.sameJsonAs("{\"token\":\"" + token + "\",\"url\":\"https://todos.example.com/#/invite/" + token
                        + "\",\"expiresAt\":\"2026-12-08T10:00:00Z\"}"));
        assertThat(api.calls).containsExactly(new CreateInviteCommand(GROCERIES, Role.VIEWER, ANN));
    }

    @Test
    void givenNoUsableOrigin_thenTheLinkIsOnTheOriginTheRequestWentTo() {
        Invite invite = Invite.create(GROCERIES, Role.EDITOR, ListApi.NOW);
        api.createInvite = command -> Mono.just(invite);

        api.client().post().uri("http://localhost:8080/api/lists/groceries/invites")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"editor\"}").exchange()
                .expectBody().jsonPath("$.url").isEqualTo("http://localhost:8080/#/invite/" + invite.token().value());
        api.client().post().uri("http://localhost:8080/api/lists/groceries/invites").header(HttpHeaders.ORIGIN, "null")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"editor\"}").exchange()
                .expectBody().jsonPath("$.url").isEqualTo("http://localhost:8080/#/invite/" + invite.token().value());
        api.client().post().uri("http://localhost:8080/api/lists/groceries/invites").header(HttpHeaders.ORIGIN, "javascript:alert(1)")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"editor\"}").exchange()
                .expectBody().jsonPath("$.url").isEqualTo("http://localhost:8080/#/invite/" + invite.token().value());
    }

    @Test
    void givenARoleThatAnInviteCannotGive_thenItIs400AndNothingIsAsked() {
        TodoApi.expectProblem(api.send("POST", "/api/lists/groceries/invites", "{\"role\":\"owner\"}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("role");
        TodoApi.expectProblem(api.send("POST", "/api/lists/groceries/invites", "{\"role\":\"admin\"}"), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("role");
        TodoApi.expectProblem(api.send("POST", "/api/lists/groceries/invites", "{}"), 400, "/problems/invalid-request");
        TodoApi.expectProblem(api.send("POST", "/api/lists/groceries/invites", "{\"role\":\"viewer\",\"uses\":3}"), 400,
                "/problems/invalid-request");
        assertThat(api.calls).isEmpty();
    }

    @Test
    void givenAMemberWhoIsNotTheOwner_thenInvitingIs403() {
        api.createInvite = command -> Mono.error(new ListAccessDeniedException(command.listId(), ListOperation.INVITE,
                "Only the owner of this list can do that; you are a viewer."));

        TodoApi.expectProblem(api.send("POST", "/api/lists/groceries/invites", "{\"role\":\"viewer\"}"), 403, "/problems/forbidden");
    }

    @Test
    void openingAnInviteAnswersTheListWithTheCallersRole() {
        api.acceptInvite = command -> Mono.just(new ListWithRole(new TodoList(GROCERIES, "Groceries", PersonId.of("bob-2"), 2, 5), Role.EDITOR));

        var response = api.client().post().uri("/api/invites/some-token").exchange();

        response.expectStatus().isOk()
                .expectBody().consumeWith(ListApi.sameJsonAs("{\"id\":\"groceries\",\"name\":\"Groceries\",\"role\":\"editor\",\"version\":2,\"seq\":5}"));
        assertThat(api.calls).containsExactly(new AcceptInviteCommand("some-token", new Person(ANN, "Ann")));
    }

    @Test
    void givenAnUnknownOrExpiredInvite_thenItIs404() {
        api.acceptInvite = command -> Mono.error(new InviteNotFoundException());

        TodoApi.expectProblem(api.client().post().uri("/api/invites/some-token").exchange(), 404, "/problems/not-found")
                .jsonPath("$.title").isEqualTo("Invite not found");
    }
}
