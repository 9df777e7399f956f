package dev.livetodos.adapter.in.web;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreatedTodo;
import dev.livetodos.application.port.in.DeletedTodos;
import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.IdempotencyKeyReusedException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/** A write's {@code Idempotency-Key} header reaches its use case; a bad one is the client's mistake. */
class IdempotencyKeyHeaderTest {

    private static final String KEY = "3f2c9d1e-7a4b-4c1d-9e8f-0a1b2c3d4e5f:1";

    private final TodoApi api = new TodoApi();
    private final AtomicReference<Optional<IdempotencyKey>> received = new AtomicReference<>();

    @Test
    void everyWriteCarriesItsKeyToItsUseCase() {
        api.createTodo = command -> {
            received.set(command.idempotencyKey());
            return Mono.just(new CreatedTodo(aTodo().withId("t1").build().withSeq(5), false));
        };
        api.client.post().uri("/api/lists/groceries/todos").header("Idempotency-Key", KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"Milk\"}".getBytes(UTF_8)).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.seq").isEqualTo(5);
        assertThat(received.get()).contains(new IdempotencyKey(KEY));

        api.updateTodos = command -> {
            received.set(command.idempotencyKey());
            return Mono.just(List.of(aTodo().withId("t1").build()));
        };
        api.client.put().uri("/api/lists/groceries/todos").header("Idempotency-Key", KEY + "0")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[{\"id\":\"t1\",\"changes\":{\"status\":\"completed\"}}]".getBytes(UTF_8))
                .exchange().expectStatus().isOk();
        assertThat(received.get()).contains(new IdempotencyKey(KEY + "0"));

        api.deleteTodos = command -> {
            received.set(command.idempotencyKey());
            return Mono.just(new DeletedTodos(command.ids(), 9));
        };
        api.client.method(org.springframework.http.HttpMethod.DELETE).uri("/api/lists/groceries/todos").header("Idempotency-Key", KEY + "1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[\"t1\"]".getBytes(UTF_8))
                .exchange().expectStatus().isOk();
        assertThat(received.get()).contains(new IdempotencyKey(KEY + "1"));
    }

    @Test
    void aWriteWithoutAKeyHasNone() {
        api.createTodo = command -> {
            received.set(command.idempotencyKey());
            return Mono.just(new CreatedTodo(aTodo().withId("t1").build(), false));
        };

        api.post("{\"name\":\"Milk\"}").expectStatus().isCreated();

        assertThat(received.get()).isEmpty();
    }

    @Test
    void givenAKeyThatIsNotOne_thenItIsABadRequestNamingTheHeaderAndNothingIsCalled() {
        TodoApi.expectProblem(api.client.post().uri("/api/lists/groceries/todos").header("Idempotency-Key", "not a key")
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"Milk\"}".getBytes(UTF_8)).exchange(),
                        400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
        TodoApi.expectProblem(api.client.post().uri("/api/lists/groceries/todos").header("Idempotency-Key", "a", "b")
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"Milk\"}".getBytes(UTF_8)).exchange(),
                        400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
    }

    @Test
    void givenAKeyUsedForAnotherWrite_thenItIs422() {
        api.updateTodos = command -> Mono.error(new IdempotencyKeyReusedException(command.idempotencyKey().orElseThrow()));

        TodoApi.expectProblem(api.client.put().uri("/api/lists/groceries/todos").header("Idempotency-Key", KEY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("[{\"id\":\"t1\",\"changes\":{\"status\":\"completed\"}}]".getBytes(UTF_8)).exchange(),
                        422, "/problems/idempotency-key-reused")
                .jsonPath("$.title").isEqualTo("Idempotency key reused");
    }
}
