package dev.livetodos.adapter.in.web;

import static dev.livetodos.adapter.in.web.TodoApi.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.ListOperation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class HttpProblemsTest {

    private final TodoApi api = new TodoApi();

    @Test
    void answersAPathWithoutRouteWithNotFound() {
        var outside = api.client.get().uri("/api/nothing").exchange();
        var below = api.client.get().uri("/api/lists/groceries/todos/a/b").exchange();

        expectProblem(outside, 404, "about:blank")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.instance").isEqualTo("/api/nothing");
        expectProblem(below, 404, "about:blank");
    }

    @Test
    void answersAnotherMethodOnTheCollectionWithMethodNotAllowedAndAllow() {
        var response = api.client.patch().uri("/api/lists/groceries/todos").exchange();

        expectProblem(response, 405, "about:blank")
                .jsonPath("$.title").isEqualTo("Method Not Allowed");
        assertThat(response.returnResult(byte[].class).getResponseHeaders().getAllow())
                .containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE);
    }

    @Test
    void answersAnotherMethodOnOneTodoWithMethodNotAllowedAndAllow() {
        var response = api.client.method(HttpMethod.DELETE).uri("/api/lists/groceries/todos/todo-1").exchange();

        response.expectHeader().valueEquals("Allow", "GET");
        expectProblem(response, 405, "about:blank");
    }

    @Test
    void answersAnUnexpectedFailureWithAGenericServerError() {
        api.listTodos = command -> Mono.error(new IllegalStateException("secret table arn in dev.livetodos.Wiring"));

        var response = api.client.get().uri("/api/lists/groceries/todos").exchange();

        expectProblem(response, 500, "about:blank")
                .jsonPath("$.title").isEqualTo("Internal Server Error")
                .jsonPath("$.detail").isEqualTo("Something went wrong on our side. It has been logged; please try again later.");
    }

    @Test
    void answersAnUnexpectedFailureThrownOutsideTheReactiveChainWithAServerError() {
        api.getTodo = id -> {
            throw new NullPointerException("Cannot invoke \"String.length()\"");
        };

        var response = api.client.get().uri("/api/lists/groceries/todos/todo-1").exchange();

        expectProblem(response, 500, "about:blank");
    }

    @Test
    void answersSpringInputErrorsWithBadRequestInOurOwnWords() {
        api.getTodo = id -> Mono.error(new ServerWebInputException("Failed to read HTTP message: tools.jackson.core"));

        var response = api.client.get().uri("/api/lists/groceries/todos/todo-1").exchange();

        expectProblem(response, 400, "about:blank")
                .jsonPath("$.title").isEqualTo("Bad Request");
    }

    @Test
    void answersAnyContentTooLargeFailureWith413() {
        api.getTodo = id -> Mono.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "codec limit"));
        api.listTodos = command -> Mono.error(new DataBufferLimitException("Exceeded limit on max bytes to buffer : 262144"));

        var fromStatus = api.client.get().uri("/api/lists/groceries/todos/todo-1").exchange();
        var fromBufferLimit = api.client.get().uri("/api/lists/groceries/todos").exchange();

        expectProblem(fromStatus, 413, "about:blank");
        expectProblem(fromBufferLimit, 413, "about:blank");
    }

    @Test
    void keepsTheStatusOfOtherResponseStatusFailures() {
        api.getTodo = id -> Mono.error(new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE, "no writer for text/csv"));

        var response = api.client.get().uri("/api/lists/groceries/todos/todo-1").exchange();

        expectProblem(response, 406, "about:blank")
                .jsonPath("$.title").isEqualTo("Not Acceptable");
    }

    @Test
    void neverShowsAFrameworkMessage() {
        String frameworkMessage = "Failed to read HTTP message";
        api.getTodo = id -> Mono.error(new ServerWebInputException(frameworkMessage));

        byte[] body = api.client.get().uri("/api/lists/groceries/todos/todo-1").exchange()
                .expectBody().returnResult().getResponseBody();

        assertThat(new String(body, StandardCharsets.UTF_8)).isNotEmpty().doesNotContain(frameworkMessage);
    }

    @Test
    void givenAListTheCallerMayNotSee_thenItIsNotFoundAndSaysNothingMore() {
        api.listTodos = command -> Mono.error(new ListNotFoundException(command.list()));

        var response = api.client.get().uri("/api/lists/groceries/todos").exchange();

        expectProblem(response, 404, "/problems/not-found")
                .jsonPath("$.title").isEqualTo("List not found")
                .jsonPath("$.detail").isEqualTo("No list you can see has the id groceries.");
    }

    @Test
    void givenAViewersWrite_thenItIsForbiddenWithTheReason() {
        api.deleteTodos = command -> Mono.error(new ListAccessDeniedException(command.list(), ListOperation.WRITE_TODOS,
                "As a viewer of this list you can read its todos but not change them."));

        var response = api.delete("[\"a\"]");

        expectProblem(response, 403, "/problems/forbidden")
                .jsonPath("$.detail").isEqualTo("As a viewer of this list you can read its todos but not change them.");
    }
}
