package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;

import dev.livetodos.application.port.in.ListTodosCommand;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.domain.model.Todo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
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

        Mono<List<Todo>> result = service.listTodos(new ListTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER)).map(TodosAt::todos);

        StepVerifier.create(result)
                .expectNext(List.of(oldest, middle, newest))
                .verifyComplete();
    }

    @Test
    void givenTodosCreatedAtTheSameInstant_thenListsThemById() {
        Todo b = aTodo().withId("b").createdAt(TEN).build();
        Todo a = aTodo().withId("a").createdAt(TEN).build();
        ListTodosService service = serviceOver(InMemoryTodoRepository.holding(b, a));

        Mono<List<Todo>> result = service.listTodos(new ListTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER)).map(TodosAt::todos);

        StepVerifier.create(result)
                .expectNext(List.of(a, b))
                .verifyComplete();
    }

    @Test
    void givenNoTodos_thenListsNothing() {
        ListTodosService service = serviceOver(InMemoryTodoRepository.holding());

        Mono<List<Todo>> result = service.listTodos(new ListTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER)).map(TodosAt::todos);

        StepVerifier.create(result)
                .expectNext(List.of())
                .verifyComplete();
    }

    @Test
    void givenAMember_thenTheListsSeqIsReadAlone() {
        ListTodosService service = serviceOver(InMemoryTodoRepository.holding(aTodo().withId("a").build()));

        StepVerifier.create(service.listSeq(new ListTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER)))
                .expectNext(service.listTodos(new ListTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER)).block().seq())
                .verifyComplete();
    }

    @Test
    void givenSomeoneNotOnTheList_thenItsSeqIsNotFoundEither() {
        ListTodosService service = serviceOver(InMemoryTodoRepository.holding(aTodo().withId("a").build()));

        StepVerifier.create(service.listSeq(new ListTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.STRANGER)))
                .expectError(dev.livetodos.domain.model.ListNotFoundException.class)
                .verify();
    }
}
