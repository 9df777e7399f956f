package dev.livetodos.adapter.in.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.CreatedTodo;
import dev.livetodos.application.port.in.ListTodosCommand;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The todo routes with {@link TodoScope.Resolver#signedIn()}: the path's list, the token's person. */
class SignedInTodoScopeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final List<Object> asked = new CopyOnWriteArrayList<>();

    @Test
    void aReadIsAboutThePathsListAndTheTokensPerson() {
        WebTestClient client = client(Map.of("sub", "bob-2"), command -> {
            asked.add(command);
            return Mono.just(new TodosAt(0, List.of()));
        }, command -> Mono.error(new AssertionError("no create expected")));

        client.get().uri("/api/lists/trip/todos").exchange().expectStatus().isOk().expectBody().consumeWith(ListApi.sameJsonAs("[]"));

        assertThat(asked).containsExactly(new ListTodosCommand(ListId.of("trip"), PersonId.of("bob-2")));
    }

    @Test
    void aCreatedTodosLocationIsUnderItsList() {
        WebTestClient client = client(Map.of("sub", "bob-2"), command -> Mono.just(new TodosAt(0, List.of())), command -> {
            asked.add(command);
            return Mono.just(new CreatedTodo(new Todo(command.id().orElseThrow(), command.name(), TodoStatus.PENDING, 1, NOW, NOW), false));
        });

        client.post().uri("/api/lists/trip/todos").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"id\":\"t1\",\"name\":\"Tickets\"}".getBytes(UTF_8)).exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/lists/trip/todos/t1");

        assertThat(asked).singleElement().isEqualTo(CreateTodoCommand.of(ListId.of("trip"), PersonId.of("bob-2"), "t1", "Tickets", null));
    }

    @Test
    void givenAListTheCallerIsNotOn_thenItIs404AsForAnUnknownList() {
        WebTestClient client = client(Map.of("sub", "bob-2"), command -> Mono.error(new ListNotFoundException(command.list())),
                command -> Mono.error(new ListNotFoundException(command.list())));

        TodoApi.expectProblem(client.get().uri("/api/lists/trip/todos").exchange(), 404, "/problems/not-found")
                .jsonPath("$.title").isEqualTo("List not found");
        TodoApi.expectProblem(client.get().uri("/api/lists/" + "x".repeat(65) + "/todos").exchange(), 404, "/problems/not-found")
                .jsonPath("$.title").isEqualTo("List not found");
    }

    @Test
    void givenAViewersWrite_thenItIs403() {
        WebTestClient client = client(Map.of("sub", "bob-2"), command -> Mono.just(new TodosAt(0, List.of())),
                command -> Mono.error(new ListAccessDeniedException(command.list(), ListOperation.WRITE_TODOS,
                        "As a viewer of this list you can read its todos but not change them.")));

        TodoApi.expectProblem(client.post().uri("/api/lists/trip/todos").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Tickets\"}".getBytes(UTF_8)).exchange(), 403, "/problems/forbidden");
    }

    @Test
    void givenNoCaller_thenItIs401() {
        WebTestClient client = client(null, command -> Mono.error(new AssertionError("no read expected")),
                command -> Mono.error(new AssertionError("no create expected")));

        TodoApi.expectProblem(client.get().uri("/api/lists/trip/todos").exchange(), 401, "about:blank");
    }

    @Test
    void theVersionOneRoutesAreGone() {
        WebTestClient client = client(Map.of("sub", "bob-2"), command -> Mono.error(new AssertionError("no read expected")),
                command -> Mono.error(new AssertionError("no create expected")));

        TodoApi.expectProblem(client.get().uri("/api/todos").exchange(), 404, "about:blank");
    }

    private static WebTestClient client(Map<String, Object> claims, dev.livetodos.application.port.in.ListTodosUseCase list,
                                        dev.livetodos.application.port.in.CreateTodoUseCase create) {
        TodoHttpRoutes routes = new TodoHttpRoutes(list,
                command -> Mono.error(new AssertionError("no get expected")), create,
                command -> Mono.error(new AssertionError("no update expected")),
                command -> Mono.error(new AssertionError("no delete expected")),
                command -> Mono.error(new AssertionError("no feed read expected")),
                TodoScope.Resolver.signedIn(), java.time.Clock.systemUTC());
        WebFilter caller = (exchange, chain) -> chain.filter(claims == null ? exchange
                : exchange.mutate().principal(Mono.just(ListApi.token(claims))).build());
        return WebTestClient.bindToRouterFunction(routes.routes())
                .webFilter(caller)
                .handlerStrategies(HandlerStrategies.empty().exceptionHandler(new ProblemDetailsExceptionHandler()).build())
                .build();
    }
}
