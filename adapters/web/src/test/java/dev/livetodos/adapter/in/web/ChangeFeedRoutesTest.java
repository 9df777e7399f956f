package dev.livetodos.adapter.in.web;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.adapter.wire.Cursors;
import dev.livetodos.application.port.in.ListChanges;
import dev.livetodos.application.port.in.ListChangesCommand;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.domain.model.ChangeCursor;
import dev.livetodos.domain.model.CursorExpiredException;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/** The change feed's route and the full read's cursor, as a client meets them. */
class ChangeFeedRoutesTest {

    private static final Instant ISSUED = Instant.parse("2024-04-30T10:00:00Z");

    private final TodoApi api = new TodoApi();
    private final AtomicReference<ListChangesCommand> asked = new AtomicReference<>();

    @Test
    void theFullReadSendsTheCursorForWhatItHolds() {
        api.listTodos = command -> Mono.just(new TodosAt(41, List.of(aTodo().withId("t1").build().withSeq(40))));

        api.client.get().uri("/api/lists/groceries/todos").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Livetodos-Cursor", Cursors.encode(new ChangeCursor(41, TodoApi.NOW)))
                .expectBody()
                .jsonPath("$[0].seq").isEqualTo(40);
    }

    @Test
    void givesThePageOfChangesAfterTheCursorWithTheNextCursor() {
        api.listChanges = command -> {
            asked.set(command);
            return Mono.just(new ListChanges(List.of(
                    new TodoChange.Upserted(aTodo().withId("t1").withVersion(2).build().withSeq(42)),
                    new TodoChange.Deleted(TodoId.of("t2"), 4, 43)), new ChangeCursor(43, TodoApi.NOW), false));
        };
        String after = Cursors.encode(new ChangeCursor(41, ISSUED));

        api.client.get().uri("/api/lists/groceries/changes?after={after}", after).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.changes.length()").isEqualTo(2)
                .jsonPath("$.changes[0].seq").isEqualTo(42)
                .jsonPath("$.changes[0].op").isEqualTo("upsert")
                .jsonPath("$.changes[0].todo.id").isEqualTo("t1")
                .jsonPath("$.changes[0].todo.seq").isEqualTo(42)
                .jsonPath("$.changes[1].seq").isEqualTo(43)
                .jsonPath("$.changes[1].op").isEqualTo("delete")
                .jsonPath("$.changes[1].id").isEqualTo("t2")
                .jsonPath("$.changes[1].version").isEqualTo(4)
                .jsonPath("$.cursor").isEqualTo(Cursors.encode(new ChangeCursor(43, TodoApi.NOW)))
                .jsonPath("$.more").isEqualTo(false);
        assertThat(asked.get()).isEqualTo(new ListChangesCommand(TodoApi.SCOPE.list(), TodoApi.SCOPE.caller(), new ChangeCursor(41, ISSUED)));
    }

    @Test
    void givenNoCursor_thenItIsABadRequestThatNamesTheParameter() {
        TodoApi.expectProblem(api.client.get().uri("/api/lists/groceries/changes").exchange(), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("after");
        TodoApi.expectProblem(api.client.get().uri("/api/lists/groceries/changes?after=").exchange(), 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("after");
    }

    @Test
    void givenACursorThisServerDidNotWrite_thenItIsABadRequest() {
        TodoApi.expectProblem(api.client.get().uri("/api/lists/groceries/changes?after=not-a-cursor").exchange(),
                        400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("after");
        String one = Cursors.encode(new ChangeCursor(1, ISSUED));
        TodoApi.expectProblem(api.client.get().uri("/api/lists/groceries/changes?after={a}&after={b}", one, one).exchange(),
                        400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("after");
    }

    @Test
    void givenACursorOlderThanTheRetention_thenItIs409MustRefetch() {
        api.listChanges = command -> Mono.error(new CursorExpiredException());

        TodoApi.expectProblem(api.client.get().uri("/api/lists/groceries/changes?after={after}",
                        Cursors.encode(new ChangeCursor(1, ISSUED))).exchange(), 409, "/problems/must-refetch")
                .jsonPath("$.title").isEqualTo("Must refetch");
    }

    @Test
    void givenAListTheCallerIsNotOn_thenItIsNotFound() {
        api.listChanges = command -> Mono.error(new ListNotFoundException(command.list()));

        TodoApi.expectProblem(api.client.get().uri("/api/lists/groceries/changes?after={after}",
                Cursors.encode(new ChangeCursor(1, ISSUED))).exchange(), 404, "/problems/not-found");
    }

    @Test
    void theFeedOnlyReads() {
        api.client.post().uri("/api/lists/groceries/changes").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "GET");
    }
}
