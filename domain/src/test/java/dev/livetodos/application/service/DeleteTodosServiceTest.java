package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.DeletedTodos;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class DeleteTodosServiceTest {

    private static DeleteTodosService serviceOver(InMemoryTodoRepository repository) {
        InMemoryTodoStore store = InMemoryTodoStore.sharedList(repository);
        return new DeleteTodosService(store, store.lists(), store.recordedWrites());
    }


    private final Todo a = aTodo().withId("a").build();
    private final Todo b = aTodo().withId("b").withVersion(3).build();
    private final Todo c = aTodo().withId("c").build();

    @Test
    void deletesTheTodosThatExistAndNamesThemInRequestOrder() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b, c);
        DeleteTodosService service = serviceOver(repository);

        Mono<List<TodoId>> result = service.deleteTodos(DeleteTodosCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of("c", "x", "a"))).map(DeletedTodos::ids);

        StepVerifier.create(result)
                .expectNext(List.of(TodoId.of("c"), TodoId.of("a")))
                .verifyComplete();
        assertThat(repository.contents()).containsExactly(b);
        assertThat(repository.tombstone(TodoId.of("a"))).isEqualTo(2);
        assertThat(repository.tombstone(TodoId.of("c"))).isEqualTo(2);
        assertThat(repository.tombstone(TodoId.of("x"))).isNull();
        assertThat(repository.reads()).isEqualTo(1);
        assertThat(repository.writes()).isEqualTo(1);
        assertThat(repository.removals()).isZero();
    }

    @Test
    void givenOneExistingId_thenRemovesItInOneWriteWithoutReading() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b);
        DeleteTodosService service = serviceOver(repository);

        Mono<List<TodoId>> result = service.deleteTodos(DeleteTodosCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of("b"))).map(DeletedTodos::ids);

        StepVerifier.create(result)
                .expectNext(List.of(TodoId.of("b")))
                .verifyComplete();
        assertThat(repository.contents()).containsExactly(a);
        assertThat(repository.tombstone(TodoId.of("b"))).isEqualTo(4);
        assertThat(repository.reads()).isZero();
        assertThat(repository.removals()).isEqualTo(1);
        assertThat(repository.writes()).isEqualTo(1);
    }

    @Test
    void givenOneAbsentId_thenNamesNothingAfterOneWriteWithoutReading() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a);
        DeleteTodosService service = serviceOver(repository);

        Mono<List<TodoId>> result = service.deleteTodos(DeleteTodosCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of("x"))).map(DeletedTodos::ids);

        StepVerifier.create(result)
                .expectNext(List.of())
                .verifyComplete();
        assertThat(repository.contents()).containsExactly(a);
        assertThat(repository.reads()).isZero();
        assertThat(repository.removals()).isEqualTo(1);
    }

    @Test
    void givenOneIdThatAnotherWriterUpdatesFirst_thenRemovesTheNewerTodoAtOnce() {
        Todo bUpdatedByOtherWriter = aTodo().withId("b").withVersion(4).build();
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b).racedOnceBy(bUpdatedByOtherWriter);
        DeleteTodosService service = serviceOver(repository);

        Mono<List<TodoId>> result = service.deleteTodos(DeleteTodosCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of("b"))).map(DeletedTodos::ids);

        StepVerifier.create(result)
                .expectNext(List.of(TodoId.of("b")))
                .verifyComplete();
        assertThat(repository.contents()).containsExactly(a);
        assertThat(repository.removals()).isEqualTo(1);
    }

    @Test
    void givenOneIdAndTheStoreReportsARace_thenTriesTheRemovalAgain() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a).failingNextWrites(1);
        DeleteTodosService service = serviceOver(repository);

        Mono<List<TodoId>> result = service.deleteTodos(DeleteTodosCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of("a"))).map(DeletedTodos::ids);

        StepVerifier.create(result)
                .expectNext(List.of(TodoId.of("a")))
                .verifyComplete();
        assertThat(repository.contents()).isEmpty();
        assertThat(repository.removals()).isEqualTo(2);
    }

    @Test
    void givenNoneExist_thenDeletesNothingWithoutWriting() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a);
        DeleteTodosService service = serviceOver(repository);

        Mono<List<TodoId>> result = service.deleteTodos(DeleteTodosCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of("x", "y"))).map(DeletedTodos::ids);

        StepVerifier.create(result)
                .expectNext(List.of())
                .verifyComplete();
        assertThat(repository.writes()).isZero();
        assertThat(repository.contents()).containsExactly(a);
    }

    @Test
    void givenAnotherWriterUpdatesATodoFirst_thenRetriesAndDeletesItAnyway() {
        Todo bUpdatedByOtherWriter = aTodo().withId("b").withVersion(4).build();
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b).racedOnceBy(bUpdatedByOtherWriter);
        DeleteTodosService service = serviceOver(repository);

        Mono<List<TodoId>> result = service.deleteTodos(DeleteTodosCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of("b", "a"))).map(DeletedTodos::ids);

        StepVerifier.create(result)
                .expectNext(List.of(TodoId.of("b"), TodoId.of("a")))
                .verifyComplete();
        assertThat(repository.contents()).isEmpty();
        assertThat(repository.reads()).isEqualTo(2);
    }

    @Test
    void givenEveryWriteRaced_thenGivesUpAfterMaxAttemptsAndDeletesNothing() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b).racedAlwaysOn(TodoId.of("a"));
        DeleteTodosService service = serviceOver(repository);

        Mono<List<TodoId>> result = service.deleteTodos(DeleteTodosCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of("a", "b"))).map(DeletedTodos::ids);

        StepVerifier.create(result)
                .expectError(ConcurrentUpdateException.class)
                .verify();
        assertThat(repository.writes()).isEqualTo(OptimisticWrite.MAX_ATTEMPTS);
        assertThat(repository.contents()).extracting(Todo::id).containsExactly(TodoId.of("a"), TodoId.of("b"));
    }
}
