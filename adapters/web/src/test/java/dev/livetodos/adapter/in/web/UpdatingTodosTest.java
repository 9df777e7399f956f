package dev.livetodos.adapter.in.web;

import static dev.livetodos.adapter.in.web.TodoApi.detailOf;
import static dev.livetodos.adapter.in.web.TodoApi.expectProblem;
import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.TodoUpdate;
import dev.livetodos.application.port.in.UpdateTodosCommand;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.Conflict;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoConflictException;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoNotFoundException;
import dev.livetodos.domain.model.TodoStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

class UpdatingTodosTest {

    private final TodoApi api = new TodoApi();
    private final AtomicReference<UpdateTodosCommand> received = new AtomicReference<>();

    private void givenUpdatesSucceed() {
        api.updateTodos = command -> {
            received.set(command);
            return Mono.just(command.updates().stream()
                    .map(update -> aTodo().withId(update.id().value()).withVersion(2).build())
                    .toList());
        };
    }

    @Test
    void updatesTodosAndAnswersThemInRequestOrder() {
        givenUpdatesSucceed();

        var response = api.put("""
                [{"id":"b","changes":{"status":"completed"},"version":2},
                 {"id":"a","changes":{"name":" Buy bread "}}]""");

        response.expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].id").isEqualTo("b")
                .jsonPath("$[1].id").isEqualTo("a");
        assertThat(received.get().updates()).containsExactly(
                new TodoUpdate(new TodoId("b"), new TodoChanges(Optional.empty(), Optional.of(TodoStatus.COMPLETED)),
                        OptionalLong.of(2)),
                new TodoUpdate(new TodoId("a"), new TodoChanges(Optional.of("Buy bread"), Optional.empty()),
                        OptionalLong.empty()));
    }

    @Test
    void treatsNullOptionalFieldsAsNotSent() {
        givenUpdatesSucceed();

        var response = api.put("[{\"id\":\"a\",\"changes\":{\"name\":\"x\",\"status\":null},\"version\":null}]");

        response.expectStatus().isOk();
        assertThat(received.get().updates()).containsExactly(new TodoUpdate(new TodoId("a"),
                new TodoChanges(Optional.of("x"), Optional.empty()), OptionalLong.empty()));
    }

    @Test
    void treatsANullIdAsMissing() {
        givenUpdatesSucceed();

        var response = api.put("[{\"id\":null,\"changes\":{\"name\":\"x\"}}]");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].id")
                .jsonPath("$.errors[0].message").isEqualTo("is required");
    }

    @Test
    void rejectsAnEntryWithoutChanges() {
        givenUpdatesSucceed();

        var missing = api.put("[{\"id\":\"a\",\"version\":1}]");
        var nullChanges = api.put("[{\"id\":\"a\",\"changes\":null}]");

        expectProblem(missing, 400, "/problems/invalid-request")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("[0].changes")
                .jsonPath("$.errors[0].message").isEqualTo("is required");
        expectProblem(nullChanges, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].changes")
                .jsonPath("$.errors[0].message").isEqualTo("is required");
        assertThat(received.get()).isNull();
    }

    @Test
    void rejectsChangesThatChangeNothing() {
        givenUpdatesSucceed();

        var response = api.put("[{\"id\":\"a\",\"changes\":{}}]");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].changes")
                .jsonPath("$.errors[0].message").isEqualTo("must change the name, the status or both");
    }

    @Test
    void reportsEveryBadFieldWithTheIndexOfItsEntry() {
        givenUpdatesSucceed();

        var response = api.put("""
                [{"id":"a","changes":{"name":"ok"}},
                 {"id":"not valid!","changes":{"status":"done"},"version":0},
                 {"id":"c"}]""");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[*].field")
                .isEqualTo(List.of("[1].id", "[1].changes.status", "[1].version", "[2].changes"));
    }

    @Test
    void reportsAnUnknownFieldInsideChangesByItsPath() {
        givenUpdatesSucceed();

        var response = api.put("[{\"id\":\"a\",\"changes\":{\"nme\":\"Buy milk\"}}]");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].changes.nme")
                .jsonPath("$.errors[0].message").isEqualTo("is not a known field");
    }

    @Test
    void reportsAnUnknownFieldOfALaterEntryByItsPath() {
        givenUpdatesSucceed();

        var response = api.put("""
                [{"id":"a","changes":{"name":"x"}},
                 {"id":"b","changes":{"name":"y"},"versoin":1}]""");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[1].versoin")
                .jsonPath("$.errors[0].message").isEqualTo("is not a known field");
    }

    @Test
    void reportsAnUnknownFieldNamedLikeItsParent() {
        givenUpdatesSucceed();

        var response = api.put("[{\"id\":\"a\",\"changes\":{\"changes\":\"x\"}}]");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].changes.changes");
    }

    @Test
    void rejectsAVersionSentAsAString() {
        givenUpdatesSucceed();

        var response = api.put("[{\"id\":\"a\",\"changes\":{\"name\":\"x\"},\"version\":\"3\"}]");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].version")
                .jsonPath("$.errors[0].message").isEqualTo("must be a whole number");
        assertThat(received.get()).isNull();
    }

    @Test
    void rejectsAVersionThatIsNotAWholeNumber() {
        givenUpdatesSucceed();

        var fraction = api.put("[{\"id\":\"a\",\"changes\":{\"name\":\"x\"},\"version\":1.5}]");
        var bool = api.put("[{\"id\":\"a\",\"changes\":{\"name\":\"x\"},\"version\":true}]");
        var tooLarge = api.put("[{\"id\":\"a\",\"changes\":{\"name\":\"x\"},\"version\":99999999999999999999}]");

        expectProblem(fraction, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].version")
                .jsonPath("$.errors[0].message").isEqualTo("must be a whole number");
        expectProblem(bool, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].version")
                .jsonPath("$.errors[0].message").isEqualTo("must be a whole number");
        expectProblem(tooLarge, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].version");
    }

    @Test
    void rejectsABodyThatIsNotAnArray() {
        givenUpdatesSucceed();

        var response = api.put("{\"id\":\"a\",\"changes\":{\"name\":\"x\"}}");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("$")
                .jsonPath("$.errors[0].message").isEqualTo("must be an array");
    }

    @Test
    void rejectsEntriesThatAreNotObjects() {
        givenUpdatesSucceed();

        var string = api.put("[\"a\"]");
        var changesAsString = api.put("[{\"id\":\"a\",\"changes\":\"x\"}]");
        var nullEntry = api.put("[null]");

        expectProblem(string, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0]")
                .jsonPath("$.errors[0].message").isEqualTo("must be an object");
        expectProblem(changesAsString, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0].changes")
                .jsonPath("$.errors[0].message").isEqualTo("must be an object");
        expectProblem(nullEntry, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0]")
                .jsonPath("$.errors[0].message").isEqualTo("is required");
    }

    @Test
    void rejectsAnEmptyBatchAndRepeatedIds() {
        givenUpdatesSucceed();

        var empty = api.put("[]");
        var repeated = api.put("[{\"id\":\"a\",\"changes\":{\"name\":\"x\"}},{\"id\":\"a\",\"changes\":{\"name\":\"y\"}}]");

        expectProblem(empty, 400, "/problems/invalid-request").jsonPath("$.errors[0].field").isEqualTo("$");
        expectProblem(repeated, 400, "/problems/invalid-request").jsonPath("$.errors[0].field").isEqualTo("[1]");
        assertThat(received.get()).isNull();
    }

    @Test
    void answersNotFoundWhenAnyTodoIsMissing() {
        api.updateTodos = command -> Mono.error(new TodoNotFoundException(List.of(new TodoId("a"), new TodoId("b"))));

        var response = api.put("[{\"id\":\"a\",\"changes\":{\"name\":\"x\"}},{\"id\":\"b\",\"changes\":{\"name\":\"y\"}}]");

        expectProblem(response, 404, "/problems/not-found")
                .jsonPath("$.detail").isEqualTo("No todos have the ids a, b.");
    }

    @Test
    void answersConflictWithTheCurrentVersionsWhenAVersionIsStale() {
        api.updateTodos = command -> Mono.error(TodoConflictException.staleVersions(List.of(
                new Conflict(new TodoId("a"), 5), new Conflict(new TodoId("b"), 7))));

        var response = api.put("""
                [{"id":"a","changes":{"name":"x"},"version":4},{"id":"b","changes":{"name":"y"},"version":6}]""");

        expectProblem(response, 409, "/problems/conflict")
                .jsonPath("$.conflicts.length()").isEqualTo(2)
                .jsonPath("$.conflicts[0].id").isEqualTo("a")
                .jsonPath("$.conflicts[0].currentVersion").isEqualTo(5)
                .jsonPath("$.conflicts[1].id").isEqualTo("b")
                .jsonPath("$.conflicts[1].currentVersion").isEqualTo(7);
    }

    @Test
    void answersConflictWithoutConflictsWhenTheTodosChangedConcurrently() {
        api.updateTodos = command -> Mono.error(new ConcurrentUpdateException("TransactionCanceledException: write conflict"));

        var response = api.put("[{\"id\":\"a\",\"changes\":{\"name\":\"x\"}}]");

        var problem = expectProblem(response, 409, "/problems/conflict")
                .jsonPath("$.conflicts").isEqualTo(List.of());
        assertThat(detailOf(problem)).contains("changed").containsIgnoringCase("try again");
    }
}
