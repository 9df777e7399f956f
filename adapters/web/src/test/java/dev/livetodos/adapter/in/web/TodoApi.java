package dev.livetodos.adapter.in.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.in.GetTodoUseCase;
import dev.livetodos.application.port.in.ListChangesUseCase;
import dev.livetodos.application.port.in.ListTodosUseCase;
import dev.livetodos.application.port.in.UpdateTodosUseCase;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adapter as a client sees it, with use cases the test sets. A use case the test does not set
 * fails loudly when called. The strategies hold no codecs and no other exception handler, as in
 * the application, where the problem handler runs before Spring's own.
 */
final class TodoApi {

    /** The list and caller every request of these tests is about. */
    static final TodoScope SCOPE = new TodoScope(ListId.of("groceries"), PersonId.of("ed"));

    ListTodosUseCase listTodos = command -> Mono.error(new AssertionError("listing todos was not expected"));
    GetTodoUseCase getTodo = command -> Mono.error(new AssertionError("getting a todo was not expected"));
    CreateTodoUseCase createTodo = command -> Mono.error(new AssertionError("creating a todo was not expected"));
    UpdateTodosUseCase updateTodos = command -> Mono.error(new AssertionError("updating todos was not expected"));
    DeleteTodosUseCase deleteTodos = command -> Mono.error(new AssertionError("deleting todos was not expected"));
    ListChangesUseCase listChanges = command -> Mono.error(new AssertionError("reading the change feed was not expected"));
    /** The moment every cursor the adapter issues is issued at. */
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    final WebTestClient client = WebTestClient
            .bindToRouterFunction(new TodoHttpRoutes(
                    command -> listTodos.listTodos(command),
                    command -> getTodo.getTodo(command),
                    command -> createTodo.createTodo(command),
                    command -> updateTodos.updateTodos(command),
                    command -> deleteTodos.deleteTodos(command),
                    command -> listChanges.listChanges(command),
                    TodoScope.Resolver.always(SCOPE), Clock.fixed(NOW, ZoneOffset.UTC)).routes())
            .handlerStrategies(HandlerStrategies.empty()
                    .exceptionHandler(new ProblemDetailsExceptionHandler())
                    .build())
            .build();

    WebTestClient.ResponseSpec send(String method, String json) {
        return client.method(HttpMethod.valueOf(method)).uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(UTF_8))
                .exchange();
    }

    WebTestClient.ResponseSpec post(String json) {
        return send("POST", json);
    }

    WebTestClient.ResponseSpec put(String json) {
        return send("PUT", json);
    }

    WebTestClient.ResponseSpec delete(String json) {
        return send("DELETE", json);
    }

    /**
     * Checks that the answer is a problem of the given status and type, that it says nothing about
     * the server's insides, and gives its body for further checks.
     */
    static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, int status, String type) {
        return response
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .consumeWith(result -> assertRevealsNoInternals(new String(result.getResponseBody(), UTF_8)))
                .jsonPath("$.type").isEqualTo(type)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.detail").isNotEmpty();
    }

    /** The problem's detail, for checks that need more than equality. */
    static String detailOf(WebTestClient.BodyContentSpec problem) {
        byte[] body = problem.returnResult().getResponseBody();
        return JsonMapper.builder().build().readTree(body).get("detail").asString();
    }

    static void assertRevealsNoInternals(String body) {
        assertThat(body)
                .doesNotContain("dev.livetodos")
                .doesNotContain("Exception")
                .doesNotContain("tools.jackson")
                .doesNotContain("org.springframework")
                .doesNotContain("java.")
                .doesNotContainPattern("at [\\w.$]+\\(");
    }
}
