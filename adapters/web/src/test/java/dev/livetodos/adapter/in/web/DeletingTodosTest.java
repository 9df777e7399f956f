package dev.livetodos.adapter.in.web;

import static dev.livetodos.adapter.in.web.TodoApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.DeletedTodos;
import dev.livetodos.domain.model.TodoId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

class DeletingTodosTest {

    private final TodoApi api = new TodoApi();
    private final AtomicReference<DeleteTodosCommand> received = new AtomicReference<>();

    private void givenOnlyTheseExisted(String... existing) {
        api.deleteTodos = command -> {
            received.set(command);
            return Mono.just(new DeletedTodos(command.ids().stream().filter(id -> List.of(existing).contains(id.value())).toList(), 17));
        };
    }

    @Test
    void deletesTodosAndAnswersTheIdsThatExisted() {
        givenOnlyTheseExisted("a", "c");

        var response = api.delete("[\"a\",\"b\",\"c\"]");

        response.expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo("{\"deleted\":[\"a\",\"c\"],\"seq\":17}");
        assertThat(received.get().ids()).containsExactly(new TodoId("a"), new TodoId("b"), new TodoId("c"));
    }

    @Test
    void answersAnEmptyListWhenNoneExisted() {
        givenOnlyTheseExisted();

        var response = api.delete("[\"a\"]");

        response.expectStatus().isOk().expectBody(String.class).isEqualTo("{\"deleted\":[],\"seq\":17}");
    }

    @Test
    void rejectsAMalformedIdByItsIndex() {
        givenOnlyTheseExisted();

        var response = api.delete("[\"a\",\"not valid!\"]");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[1]")
                .jsonPath("$.errors[0].message").isEqualTo("must be 1 to 64 letters, digits, '-' or '_'");
        assertThat(received.get()).isNull();
    }

    @Test
    void rejectsIdsThatAreNotStrings() {
        givenOnlyTheseExisted();

        var number = api.delete("[\"a\",7]");
        var object = api.delete("[{\"id\":\"a\"}]");
        var nullId = api.delete("[null]");

        expectProblem(number, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[1]")
                .jsonPath("$.errors[0].message").isEqualTo("must be a string");
        expectProblem(object, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0]")
                .jsonPath("$.errors[0].message").isEqualTo("must be a string");
        expectProblem(nullId, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("[0]")
                .jsonPath("$.errors[0].message").isEqualTo("is required");
    }

    @Test
    void rejectsABodyThatIsNotAnArray() {
        givenOnlyTheseExisted();

        var object = api.delete("{\"ids\":[\"a\"]}");
        var string = api.delete("\"a\"");

        expectProblem(object, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("$")
                .jsonPath("$.errors[0].message").isEqualTo("must be an array");
        expectProblem(string, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("$")
                .jsonPath("$.errors[0].message").isEqualTo("must be an array");
    }

    @Test
    void rejectsAnEmptyBatch() {
        givenOnlyTheseExisted();

        var response = api.delete("[]");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("$")
                .jsonPath("$.errors[0].message").isEqualTo("must hold 1 to 97 entries, held 0");
    }
}
