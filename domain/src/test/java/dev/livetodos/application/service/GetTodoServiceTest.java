package dev.livetodos.application.service;

import dev.livetodos.application.port.in.GetTodoCommand;
import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoNotFoundException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class GetTodoServiceTest {

    private static GetTodoService serviceOver(InMemoryTodoRepository repository) {
        InMemoryTodoStore store = InMemoryTodoStore.sharedList(repository);
        return new GetTodoService(store, store.lists());
    }


    @Test
    void givesTheStoredTodo() {
        Todo stored = aTodo().withId("t1").withName("Buy milk").withVersion(3).build();
        GetTodoService service = serviceOver(InMemoryTodoRepository.holding(stored, aTodo().withId("t2").build()));

        Mono<Todo> result = service.getTodo(new GetTodoCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER, TodoId.of("t1")));

        StepVerifier.create(result)
                .expectNext(stored)
                .verifyComplete();
    }

    @Test
    void givenNoTodoWithTheId_thenNotFound() {
        GetTodoService service = serviceOver(InMemoryTodoRepository.holding(aTodo().withId("t1").build()));

        Mono<Todo> result = service.getTodo(new GetTodoCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER, TodoId.of("missing")));

        StepVerifier.create(result)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(TodoNotFoundException.class, e -> {
                            assertThat(e.ids()).containsExactly(TodoId.of("missing"));
                            assertThat(e).hasMessage("No todo has the id missing.");
                        }))
                .verify();
    }
}
