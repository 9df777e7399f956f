package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.TodoUpdate;
import dev.livetodos.application.port.in.UpdateTodosCommand;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.Conflict;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoConflictException;
import dev.livetodos.domain.model.TodoFixtures;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoNotFoundException;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class UpdateTodosServiceTest {

    private static UpdateTodosService serviceOver(InMemoryTodoRepository repository) {
        InMemoryTodoStore store = InMemoryTodoStore.sharedList(repository);
        return new UpdateTodosService(store, store.lists(), store.recordedWrites(), CLOCK);
    }


    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Todo a = aTodo().withId("a").withName("Buy milk").withVersion(1).build();
    private final Todo b = aTodo().withId("b").withName("Walk the dog").withVersion(4).build();
    private final Todo c = aTodo().withId("c").withName("Call mum").withVersion(2).build();

    @Test
    void updatesEveryTodoOneVersionOnInRequestOrder() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b, c);
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(
                TodoUpdate.of("c", null, "completed", null),
                TodoUpdate.of("a", "Buy oat milk", null, null)));

        StepVerifier.create(result)
                .assertNext(updated -> {
                    assertThat(updated).extracting(Todo::id).containsExactly(TodoId.of("c"), TodoId.of("a"));
                    assertThat(updated).extracting(Todo::version).containsExactly(3L, 2L);
                    assertThat(updated.get(0).status()).isEqualTo(TodoStatus.COMPLETED);
                    assertThat(updated.get(0).name()).isEqualTo("Call mum");
                    assertThat(updated.get(1).name()).isEqualTo("Buy oat milk");
                    assertThat(updated).allSatisfy(todo -> {
                        assertThat(todo.updatedAt()).isEqualTo(NOW);
                        assertThat(todo.createdAt()).isEqualTo(TodoFixtures.EARLIER);
                    });
                })
                .verifyComplete();
        assertThat(repository.get(TodoId.of("a")).name()).isEqualTo("Buy oat milk");
        assertThat(repository.get(TodoId.of("c")).version()).isEqualTo(3);
        assertThat(repository.get(TodoId.of("b"))).isEqualTo(b);
        assertThat(repository.writes()).isEqualTo(1);
    }

    @Test
    void givenTheExpectedVersions_thenUpdates() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b);
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(
                TodoUpdate.of("a", "Buy oat milk", null, 1L),
                TodoUpdate.of("b", null, "completed", 4L)));

        StepVerifier.create(result)
                .assertNext(updated -> assertThat(updated).extracting(Todo::version).containsExactly(2L, 5L))
                .verifyComplete();
    }

    @Test
    void givenMissingIds_thenNotFoundNamingEveryMissingId() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b);
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(
                TodoUpdate.of("a", "Buy oat milk", null, null),
                TodoUpdate.of("x", "Nothing", null, null),
                TodoUpdate.of("b", null, "completed", null),
                TodoUpdate.of("y", "Nothing either", null, null)));

        StepVerifier.create(result)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(TodoNotFoundException.class, e ->
                                assertThat(e.ids()).containsExactly(TodoId.of("x"), TodoId.of("y"))))
                .verify();
    }

    @Test
    void givenAMissingId_thenNothingIsWritten() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b);
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(
                TodoUpdate.of("a", "Buy oat milk", null, null),
                TodoUpdate.of("x", "Nothing", null, null)));

        StepVerifier.create(result)
                .expectError(TodoNotFoundException.class)
                .verify();
        assertThat(repository.contents()).containsExactly(a, b);
        assertThat(repository.writes()).isZero();
    }

    @Test
    void givenStaleVersions_thenConflictsNamingEachTodoAndItsCurrentVersion() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b, c);
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(
                TodoUpdate.of("b", "Walk the cat", null, 3L),
                TodoUpdate.of("a", "Buy oat milk", null, 1L),
                TodoUpdate.of("c", null, "completed", 1L)));

        StepVerifier.create(result)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(TodoConflictException.class, e -> assertThat(e.conflicts())
                                .containsExactly(new Conflict(TodoId.of("b"), 4), new Conflict(TodoId.of("c"), 2))))
                .verify();
    }

    @Test
    void givenStaleVersion_thenNothingIsWritten() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b);
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(
                TodoUpdate.of("a", "Buy oat milk", null, 1L),
                TodoUpdate.of("b", "Walk the cat", null, 2L)));

        StepVerifier.create(result)
                .expectError(TodoConflictException.class)
                .verify();
        assertThat(repository.contents()).containsExactly(a, b);
        assertThat(repository.writes()).isZero();
    }

    @Test
    void givenAFailedWrite_thenRetriesAndSucceeds() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a).failingNextWrites(1);
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(TodoUpdate.of("a", "Buy oat milk", null, null)));

        StepVerifier.create(result)
                .assertNext(updated -> assertThat(updated).singleElement()
                        .satisfies(todo -> assertThat(todo.version()).isEqualTo(2))
                        .satisfies(todo -> assertThat(todo.name()).isEqualTo("Buy oat milk")))
                .verifyComplete();
        assertThat(repository.writes()).isEqualTo(2);
        assertThat(repository.get(TodoId.of("a")).version()).isEqualTo(2);
    }

    @Test
    void givenAnotherWriterGetsInFirst_thenRetriesFromAFreshRead() {
        Todo completedByOtherWriter = a.apply(TodoChanges.of(null, "completed"), NOW);
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a).racedOnceBy(completedByOtherWriter);
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(TodoUpdate.of("a", "Buy oat milk", null, null)));

        StepVerifier.create(result)
                .assertNext(updated -> assertThat(updated).singleElement().satisfies(todo -> {
                    assertThat(todo.version()).isEqualTo(3);
                    assertThat(todo.name()).isEqualTo("Buy oat milk");
                    assertThat(todo.status()).isEqualTo(TodoStatus.COMPLETED);
                }))
                .verifyComplete();
        assertThat(repository.reads()).isEqualTo(2);
        assertThat(repository.writes()).isEqualTo(2);
        assertThat(repository.get(TodoId.of("a")).version()).isEqualTo(3);
    }

    @Test
    void givenAnExpectedVersion_whenAnotherWriterGetsInFirst_thenConflicts() {
        Todo renamedByOtherWriter = a.apply(TodoChanges.of("Buy soy milk", null), NOW);
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a).racedOnceBy(renamedByOtherWriter);
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(TodoUpdate.of("a", "Buy oat milk", null, 1L)));

        StepVerifier.create(result)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(TodoConflictException.class, e -> assertThat(e.conflicts())
                                .containsExactly(new Conflict(TodoId.of("a"), 2))))
                .verify();
        assertThat(repository.get(TodoId.of("a"))).isEqualTo(renamedByOtherWriter);
        assertThat(repository.reads()).isEqualTo(2);
    }

    @Test
    void givenEveryWriteRaced_thenGivesUpAfterMaxAttempts() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b).racedAlwaysOn(TodoId.of("a"));
        UpdateTodosService service = serviceOver(repository);

        Mono<List<Todo>> result = service.updateTodos(command(
                TodoUpdate.of("a", "Buy oat milk", null, null),
                TodoUpdate.of("b", null, "completed", null)));

        StepVerifier.create(result)
                .expectError(ConcurrentUpdateException.class)
                .verify();
        assertThat(repository.writes()).isEqualTo(OptimisticWrite.MAX_ATTEMPTS);
        assertThat(repository.reads()).isEqualTo(OptimisticWrite.MAX_ATTEMPTS);
        assertThat(repository.get(TodoId.of("a")).name()).isEqualTo("Buy milk");
        assertThat(repository.get(TodoId.of("b"))).isEqualTo(b);
    }

    private static UpdateTodosCommand command(TodoUpdate... updates) {
        return new UpdateTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of(updates));
    }
}
