package dev.livetodos.adapter.in.web;

import static dev.livetodos.adapter.in.web.TodoApi.expectProblem;
import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.CreatedTodo;
import dev.livetodos.domain.model.TodoConflictException;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

class CreatingTodoTest {

    private final TodoApi api = new TodoApi();
    private final AtomicReference<CreateTodoCommand> received = new AtomicReference<>();

    private void givenCreationAnswers(boolean replayed) {
        api.createTodo = command -> {
            received.set(command);
            TodoId id = command.id().orElse(new TodoId("server-chosen"));
            return Mono.just(new CreatedTodo(
                    aTodo().withId(id.value()).withName(command.name()).withStatus(command.status()).build(), replayed));
        };
    }

    @Test
    void createsATodoWith201AndItsLocation() {
        givenCreationAnswers(false);

        var response = api.post("{\"id\":\"todo-1\",\"name\":\"  Buy milk \",\"status\":\"completed\"}");

        response.expectStatus().isCreated()
                .expectHeader().location("/api/lists/groceries/todos/todo-1")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.id").isEqualTo("todo-1")
                .jsonPath("$.name").isEqualTo("Buy milk")
                .jsonPath("$.status").isEqualTo("completed")
                .jsonPath("$.version").isEqualTo(1);
        assertThat(received.get()).isEqualTo(
                new CreateTodoCommand(TodoApi.SCOPE.list(), TodoApi.SCOPE.caller(), Optional.of(new TodoId("todo-1")), "Buy milk", TodoStatus.COMPLETED));
    }

    @Test
    void createsAPendingTodoWhoseIdTheServerChoosesWhenOnlyANameIsSent() {
        givenCreationAnswers(false);

        var response = api.post("{\"name\":\"Buy milk\"}");

        response.expectStatus().isCreated().expectHeader().location("/api/lists/groceries/todos/server-chosen");
        assertThat(received.get()).isEqualTo(new CreateTodoCommand(TodoApi.SCOPE.list(), TodoApi.SCOPE.caller(), Optional.empty(), "Buy milk", TodoStatus.PENDING));
    }

    @Test
    void treatsNullOptionalFieldsAsNotSent() {
        givenCreationAnswers(false);

        var response = api.post("{\"id\":null,\"name\":\"Buy milk\",\"status\":null}");

        response.expectStatus().isCreated();
        assertThat(received.get()).isEqualTo(new CreateTodoCommand(TodoApi.SCOPE.list(), TodoApi.SCOPE.caller(), Optional.empty(), "Buy milk", TodoStatus.PENDING));
    }

    @Test
    void answersAReplayWith200AndNoLocation() {
        givenCreationAnswers(true);

        var response = api.post("{\"id\":\"todo-1\",\"name\":\"Buy milk\"}");

        response.expectStatus().isOk()
                .expectHeader().doesNotExist("Location")
                .expectBody().jsonPath("$.id").isEqualTo("todo-1");
    }

    @Test
    void rejectsABlankName() {
        givenCreationAnswers(false);

        var response = api.post("{\"name\":\"   \"}");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].message").isEqualTo("must not be blank");
        assertThat(received.get()).isNull();
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        givenCreationAnswers(false);

        var response = api.post("{\"id\":\"not valid!\",\"name\":\"\",\"status\":\"done\"}");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[*].field").isEqualTo(java.util.List.of("id", "name", "status"));
    }

    @Test
    void treatsANullNameAsMissing() {
        givenCreationAnswers(false);

        var response = api.post("{\"name\":null}");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].message").isEqualTo("is required");
    }

    @Test
    void rejectsAnUnknownField() {
        givenCreationAnswers(false);

        var response = api.post("{\"name\":\"Buy milk\",\"colour\":\"red\"}");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("colour")
                .jsonPath("$.errors[0].message").isEqualTo("is not a known field");
        assertThat(received.get()).isNull();
    }

    @Test
    void rejectsANumberWhereTheNameShouldBeAString() {
        givenCreationAnswers(false);

        var response = api.post("{\"name\":5}");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].message").isEqualTo("must be a string");
    }

    @Test
    void rejectsOtherNonStringsWhereAStringShouldBe() {
        givenCreationAnswers(false);

        var booleanStatus = api.post("{\"name\":\"x\",\"status\":true}");
        var fractionalId = api.post("{\"id\":1.5,\"name\":\"x\"}");
        var objectName = api.post("{\"name\":{\"text\":\"x\"}}");
        var arrayName = api.post("{\"name\":[\"x\"]}");

        expectProblem(booleanStatus, 400, "/problems/invalid-request").jsonPath("$.errors[0].field").isEqualTo("status")
                .jsonPath("$.errors[0].message").isEqualTo("must be a string");
        expectProblem(fractionalId, 400, "/problems/invalid-request").jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].message").isEqualTo("must be a string");
        expectProblem(objectName, 400, "/problems/invalid-request").jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].message").isEqualTo("must be a string");
        expectProblem(arrayName, 400, "/problems/invalid-request").jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].message").isEqualTo("must be a string");
        assertThat(received.get()).isNull();
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        givenCreationAnswers(false);

        var array = api.post("[{\"name\":\"Buy milk\"}]");
        var string = api.post("\"Buy milk\"");

        expectProblem(array, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("$")
                .jsonPath("$.errors[0].message").isEqualTo("must be an object");
        expectProblem(string, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("$")
                .jsonPath("$.errors[0].message").isEqualTo("must be an object");
    }

    @Test
    void answersConflictWhenTheIdIsTakenByATodoWithOtherContent() {
        api.createTodo = command -> Mono.error(TodoConflictException.idTaken(
                aTodo().withId("todo-1").withName("Something else").withVersion(4).build()));

        var response = api.post("{\"id\":\"todo-1\",\"name\":\"Buy milk\"}");

        expectProblem(response, 409, "/problems/conflict")
                .jsonPath("$.detail").isEqualTo("The id todo-1 is taken by a todo with other content.")
                .jsonPath("$.conflicts.length()").isEqualTo(1)
                .jsonPath("$.conflicts[0].id").isEqualTo("todo-1")
                .jsonPath("$.conflicts[0].currentVersion").isEqualTo(4);
    }
}
