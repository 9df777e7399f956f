package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.CreatedTodo;
import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.DeletedTodos;
import dev.livetodos.application.port.in.TodoUpdate;
import dev.livetodos.application.port.in.UpdateTodosCommand;
import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.IdempotencyKeyReusedException;
import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

/**
 * A write sent again under its idempotency key (after its answer was lost) applies nothing
 * twice and is answered as the first time; another write under a used key is refused.
 */
class IdempotentWritesTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Optional<IdempotencyKey> KEY = Optional.of(new IdempotencyKey("3f2c9d1e-7a4b-4c1d-9e8f-0a1b2c3d4e5f"));

    private final Todo milk = aTodo().withId("milk").build();
    private final InMemoryTodoRepository repository = InMemoryTodoRepository.holding(milk);
    private final InMemoryTodoStore store = InMemoryTodoStore.sharedList(repository);
    private final AtomicInteger ids = new AtomicInteger();
    private final CreateTodoService create = new CreateTodoService(store, store.lists(), store.recordedWrites(), CLOCK,
            () -> TodoId.of("generated-" + ids.incrementAndGet()));
    private final UpdateTodosService update = new UpdateTodosService(store, store.lists(), store.recordedWrites(), CLOCK);
    private final DeleteTodosService delete = new DeleteTodosService(store, store.lists(), store.recordedWrites());

    @Test
    void aCreateWithoutAnIdSentFiveTimesCreatesOneTodoAndAnswersItEveryTime() {
        CreateTodoCommand command = CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, null, "Bread", null)
                .withIdempotencyKey(KEY);

        List<CreatedTodo> answers = java.util.stream.IntStream.range(0, 5).mapToObj(i -> create.createTodo(command).block()).toList();

        assertThat(answers).hasSize(5).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
        assertThat(answers.get(0).replayed()).isFalse();
        assertThat(repository.contents()).extracting(Todo::name).containsExactly("Buy milk", "Bread");
        assertThat(repository.currentSeq()).isEqualTo(1);
    }

    @Test
    void anUpdateSentAgainAfterItWasAppliedIsAnsweredAsTheFirstTimeNotAsAConflict() {
        UpdateTodosCommand command = new UpdateTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR,
                List.of(TodoUpdate.of("milk", null, "completed", 1L))).withIdempotencyKey(KEY);

        List<Todo> first = update.updateTodos(command).block();
        List<Todo> again = update.updateTodos(command).block();

        assertThat(again).isEqualTo(first);
        assertThat(repository.get(TodoId.of("milk")).version()).isEqualTo(2);
        assertThat(repository.currentSeq()).isEqualTo(1);
    }

    @Test
    void aDeleteSentAgainAnswersTheIdsItDeletedAndTheSeqAfterIt() {
        DeleteTodosCommand command = new DeleteTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, List.of(TodoId.of("milk")))
                .withIdempotencyKey(KEY);

        DeletedTodos first = delete.deleteTodos(command).block();
        DeletedTodos again = delete.deleteTodos(command).block();

        assertThat(first).isEqualTo(new DeletedTodos(List.of(TodoId.of("milk")), 1));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void anotherWriteUnderAUsedKeyIsRefusedAndWritesNothing() {
        update.updateTodos(new UpdateTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR,
                List.of(TodoUpdate.of("milk", null, "completed", 1L))).withIdempotencyKey(KEY)).block();

        StepVerifier.create(update.updateTodos(new UpdateTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR,
                        List.of(TodoUpdate.of("milk", "Oat milk", null, null))).withIdempotencyKey(KEY)))
                .expectError(IdempotencyKeyReusedException.class)
                .verify();
        StepVerifier.create(delete.deleteTodos(new DeleteTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR,
                        List.of(TodoId.of("milk"))).withIdempotencyKey(KEY)))
                .expectError(IdempotencyKeyReusedException.class)
                .verify();
        assertThat(repository.get(TodoId.of("milk")).name()).isEqualTo("Buy milk");
        assertThat(repository.currentSeq()).isEqualTo(1);
    }

    @Test
    void theSameKeyFromAnotherPersonIsTheirsAlone() {
        update.updateTodos(new UpdateTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR,
                List.of(TodoUpdate.of("milk", null, "completed", 1L))).withIdempotencyKey(KEY)).block();

        List<Todo> owners = update.updateTodos(new UpdateTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.OWNER,
                List.of(TodoUpdate.of("milk", "Oat milk", null, null))).withIdempotencyKey(KEY)).block();

        assertThat(owners).singleElement().satisfies(todo -> assertThat(todo.name()).isEqualTo("Oat milk"));
    }

    @Test
    void someoneNoLongerOnTheListHearsNothingOfTheirKeptWrite() {
        UpdateTodosCommand command = new UpdateTodosCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR,
                List.of(TodoUpdate.of("milk", null, "completed", 1L))).withIdempotencyKey(KEY);
        update.updateTodos(command).block();
        store.removeMember(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR);

        StepVerifier.create(update.updateTodos(command)).expectError(ListNotFoundException.class).verify();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/key", "ünïcode"})
    void givenAKeyThatIsNotOne_thenItIsInvalidInput(String key) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IdempotencyKey(key))
                .isInstanceOfSatisfying(InvalidTodoException.class,
                        invalid -> assertThat(invalid.violations()).singleElement()
                                .satisfies(violation -> assertThat(violation.field()).isEqualTo("Idempotency-Key")));
    }

    @Test
    void aKeyOfTheLongestLengthIsOneAndOneLongerIsNot() {
        assertThat(new IdempotencyKey("k".repeat(IdempotencyKey.MAX_LENGTH)).value()).hasSize(128);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IdempotencyKey("k".repeat(IdempotencyKey.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidTodoException.class);
    }
}
