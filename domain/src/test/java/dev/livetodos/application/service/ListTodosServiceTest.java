package dev.livetodos.application.service;

import dev.livetodos.application.port.in.ListTodosCommand;
import static dev.livetodos.domain.model.TodoFixtures.aTodo;

import dev.livetodos.domain.model.Todo;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class ListTodosServiceTest {

    private static ListTodosService serviceOver(InMemoryTodoRepository repository) {
        InMemoryTodoStore store = InMemoryTodoStore.sharedList(repository);
        return new ListTodosService(store, store.lists());
    }


    private static final Instant NINE = Instant.parse("2024-05-01T09:00:00Z");
    private static final Instant TEN = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void listsOldestFirstWhateverOrderTheStoreGives() {
        Todo newest = aTodo().withId("a").createdAt(TEN.plusSeconds(1)).build();
        Todo oldest = aTodo().withId("c").createdAt(NINE).build();
        Todo middle = aTodo().withId("b").createdAt(TEN).build();
        ListTodosService service = serviceOver(InMemoryTodoRepository.holding(newest, oldest, middle));

        Flux<Todo> result = service.listTodos(new ListTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER));

        StepVerifier.create(result)
                .expectNext(oldest, middle, newest)
                .verifyComplete();
    }

    @Test
    void givenTodosCreatedAtTheSameInstant_thenListsThemById() {
        Todo b = aTodo().withId("b").createdAt(TEN).build();
        Todo a = aTodo().withId("a").createdAt(TEN).build();
        ListTodosService service = serviceOver(InMemoryTodoRepository.holding(b, a));

        Flux<Todo> result = service.listTodos(new ListTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER));

        StepVerifier.create(result)
                .expectNext(a, b)
                .verifyComplete();
    }

    @Test
    void givenNoTodos_thenListsNothing() {
        ListTodosService service = serviceOver(InMemoryTodoRepository.holding());

        Flux<Todo> result = service.listTodos(new ListTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER));

        StepVerifier.create(result)
                .verifyComplete();
    }
}
