package dev.livetodos.adapter.in.web;

import static dev.livetodos.adapter.in.web.TodoApi.expectProblem;
import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.GetTodoCommand;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.domain.model.StoreUnavailableException;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoNotFoundException;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class ReadingTodosTest {

    private static final Instant CREATED = Instant.parse("2025-03-01T09:15:30.123Z");
    private static final Instant UPDATED = Instant.parse("2025-03-02T10:00:00Z");

    private final TodoApi api = new TodoApi();

    @Test
    void listsTodosInTheOrderTheUseCaseGivesThem() {
        api.listTodos = command -> Mono.just(new TodosAt(0, List.of(
                aTodo().withId("oldest").withName("First").build(),
                aTodo().withId("newest").withName("Second").build())));

        var response = api.client.get().uri("/api/lists/groceries/todos").exchange();

        response.expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].id").isEqualTo("oldest")
                .jsonPath("$[0].name").isEqualTo("First")
                .jsonPath("$[1].id").isEqualTo("newest");
    }

    @Test
    void listsNoTodosAsAnEmptyArray() {
        api.listTodos = command -> Mono.just(new TodosAt(0, List.of()));

        var response = api.client.get().uri("/api/lists/groceries/todos").exchange();

        response.expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo("[]");
    }

    @Test
    void writesATodoWithExactlyTheContractFieldsInUtc() {
        api.getTodo = id -> Mono.just(aTodo().withId("todo-1").withName("Buy milk")
                .withStatus(TodoStatus.COMPLETED).withVersion(3)
                .createdAt(CREATED).updatedAt(UPDATED).build().withSeq(41));

        byte[] body = api.client.get().uri("/api/lists/groceries/todos/todo-1").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();

        Map<String, Object> todo = JsonMapper.builder().build().readValue(body, new TypeReference<>() {
        });
        assertThat(todo).containsExactly(
                Map.entry("id", "todo-1"),
                Map.entry("name", "Buy milk"),
                Map.entry("status", "completed"),
                Map.entry("version", 3),
                Map.entry("createdAt", "2025-03-01T09:15:30.123Z"),
                Map.entry("updatedAt", "2025-03-02T10:00:00Z"),
                Map.entry("seq", 41));
    }

    @Test
    void getsATodoByItsId() {
        AtomicReference<GetTodoCommand> asked = new AtomicReference<>();
        api.getTodo = command -> {
            asked.set(command);
            return Mono.just(aTodo().withId(command.id().value()).build());
        };

        var response = api.client.get().uri("/api/lists/groceries/todos/abc_DEF-123").exchange();

        response.expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo("abc_DEF-123");
        assertThat(asked.get()).isEqualTo(new GetTodoCommand(TodoApi.SCOPE.list(), TodoApi.SCOPE.caller(), new TodoId("abc_DEF-123")));
    }

    @Test
    void answersNotFoundForAnIdNoTodoHas() {
        api.getTodo = command -> Mono.error(new TodoNotFoundException(List.of(command.id())));

        var response = api.client.get().uri("/api/lists/groceries/todos/missing").exchange();

        expectProblem(response, 404, "/problems/not-found")
                .jsonPath("$.detail").isEqualTo("No todo has the id missing.")
                .jsonPath("$.instance").isEqualTo("/api/lists/groceries/todos/missing");
    }

    @Test
    void answersNotFoundForAMalformedIdWithoutAskingTheUseCase() {
        String tooLong = "x".repeat(65);

        var withSpace = api.client.get().uri("/api/lists/groceries/todos/{id}", "not valid").exchange();
        var withSixtyFiveCharacters = api.client.get().uri("/api/lists/groceries/todos/{id}", tooLong).exchange();

        expectProblem(withSpace, 404, "/problems/not-found");
        expectProblem(withSixtyFiveCharacters, 404, "/problems/not-found");
    }

    @Test
    void answersServiceUnavailableWithRetryAfterWhenTheStoreIsDown() {
        api.listTodos = command -> Mono.error(new StoreUnavailableException(
                "ProvisionedThroughputExceededException from dev.livetodos.adapter.out.dynamodb",
                new IllegalStateException("socket closed")));

        var response = api.client.get().uri("/api/lists/groceries/todos").exchange();

        response.expectHeader().valueEquals("Retry-After", "2");
        expectProblem(response, 503, "/problems/store-unavailable")
                .jsonPath("$.title").isEqualTo("Store unavailable");
    }
}
