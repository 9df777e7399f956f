package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.CreatedTodo;
import dev.livetodos.domain.model.Conflict;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoConflictException;
import dev.livetodos.domain.model.TodoFixtures;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CreateTodoServiceTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final AtomicInteger idsGenerated = new AtomicInteger();
    private final Supplier<TodoId> newIds = () -> TodoId.of("generated-" + idsGenerated.incrementAndGet());

    private CreateTodoService serviceOver(InMemoryTodoRepository repository) {
        InMemoryTodoStore store = InMemoryTodoStore.sharedList(repository);
        return new CreateTodoService(store, store.lists(), store.recordedWrites(), CLOCK, newIds);
    }

    @Test
    void givenANewId_thenStoresTheTodoAtVersionOne() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding();
        CreateTodoService service = serviceOver(repository);

        Mono<CreatedTodo> result = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, "t1", " Buy milk ", "completed"));

        StepVerifier.create(result)
                .assertNext(created -> {
                    assertThat(created.replayed()).isFalse();
                    Todo todo = created.todo();
                    assertThat(todo.id()).isEqualTo(TodoId.of("t1"));
                    assertThat(todo.name()).isEqualTo("Buy milk");
                    assertThat(todo.status()).isEqualTo(TodoStatus.COMPLETED);
                    assertThat(todo.version()).isEqualTo(1);
                    assertThat(todo.createdAt()).isEqualTo(NOW);
                    assertThat(todo.updatedAt()).isEqualTo(NOW);
                })
                .verifyComplete();
        assertThat(repository.contents()).singleElement()
                .satisfies(stored -> assertThat(stored.id()).isEqualTo(TodoId.of("t1")))
                .satisfies(stored -> assertThat(stored.version()).isEqualTo(1));
        assertThat(idsGenerated).hasValue(0);
    }

    @Test
    void givenNoId_thenUsesAGeneratedOne() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding();
        CreateTodoService service = serviceOver(repository);

        Mono<CreatedTodo> result = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, null, "Buy milk", null));

        StepVerifier.create(result)
                .assertNext(created -> {
                    assertThat(created.replayed()).isFalse();
                    assertThat(created.todo().id()).isEqualTo(TodoId.of("generated-1"));
                    assertThat(created.todo().status()).isEqualTo(TodoStatus.PENDING);
                })
                .verifyComplete();
        assertThat(repository.get(TodoId.of("generated-1"))).isNotNull();
    }

    @Test
    void doesNothingUntilSubscribed() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding();
        CreateTodoService service = serviceOver(repository);

        service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, null, "Buy milk", null));

        assertThat(idsGenerated).hasValue(0);
        assertThat(repository.writes()).isZero();
    }

    @Test
    void givenTheSameIdWithTheSameContent_thenReplaysTheStoredTodo() {
        Todo stored = aTodo().withId("t1").withName("Buy milk").withStatus(TodoStatus.PENDING)
                .createdAt(TodoFixtures.EARLIER).build();
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(stored);
        CreateTodoService service = serviceOver(repository);

        Mono<CreatedTodo> result = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, "t1", "  Buy milk", "pending"));

        StepVerifier.create(result)
                .expectNext(new CreatedTodo(stored, true))
                .verifyComplete();
        assertThat(repository.contents()).containsExactly(stored);
    }

    @Test
    void givenTheSameIdWithOtherContent_thenConflictsWithTheCurrentVersion() {
        Todo stored = aTodo().withId("t1").withName("Buy milk").withVersion(3).build();
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(stored);
        CreateTodoService service = serviceOver(repository);

        Mono<CreatedTodo> result = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, "t1", "Buy bread", null));

        StepVerifier.create(result)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(TodoConflictException.class, e -> assertThat(e.conflicts())
                                .containsExactly(new Conflict(TodoId.of("t1"), 3))))
                .verify();
    }

    @Test
    void givenTheSameIdWithAnotherStatus_thenConflicts() {
        Todo stored = aTodo().withId("t1").withName("Buy milk").withStatus(TodoStatus.COMPLETED).build();
        CreateTodoService service = serviceOver(InMemoryTodoRepository.holding(stored));

        Mono<CreatedTodo> result = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, "t1", "Buy milk", "pending"));

        StepVerifier.create(result)
                .expectError(TodoConflictException.class)
                .verify();
    }

    @Test
    void givenTheIdIsTakenByOtherContent_thenNothingIsWritten() {
        Todo stored = aTodo().withId("t1").withName("Buy milk").withVersion(2).build();
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(stored);
        CreateTodoService service = serviceOver(repository);

        Mono<CreatedTodo> result = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, "t1", "Buy bread", "completed"));

        StepVerifier.create(result)
                .expectError(TodoConflictException.class)
                .verify();
        assertThat(repository.contents()).isEqualTo(List.of(stored));
    }

    @Test
    void givenADeletedId_thenTheNewTodoContinuesTheDeletedOnesVersions() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding().withTombstone(TodoId.of("t1"), 4);
        CreateTodoService service = serviceOver(repository);

        Mono<CreatedTodo> result = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, "t1", "Buy milk", null));

        StepVerifier.create(result)
                .assertNext(created -> {
                    assertThat(created.replayed()).isFalse();
                    assertThat(created.todo().version()).isEqualTo(5);
                    assertThat(created.todo().name()).isEqualTo("Buy milk");
                    assertThat(created.todo().createdAt()).isEqualTo(NOW);
                })
                .verifyComplete();
        assertThat(repository.get(TodoId.of("t1")).version()).isEqualTo(5);
        assertThat(repository.tombstone(TodoId.of("t1"))).isNull();
    }

    @Test
    void givenTheIdIsDeletedAndCreatedAgainMeanwhile_thenFollowsTheNewerTombstone() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding()
                .withTombstone(TodoId.of("t1"), 4)
                .racedOnceBy(aTodo().withId("x").build())
                .racedOnceByRecreateAndDelete(TodoId.of("t1"), 6);
        CreateTodoService service = serviceOver(repository);

        Mono<CreatedTodo> result = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, "t1", "Mine", null));

        StepVerifier.create(result)
                .assertNext(created -> assertThat(created.todo().version()).isEqualTo(7))
                .verifyComplete();
        assertThat(repository.get(TodoId.of("t1")).name()).isEqualTo("Mine");
    }

    @Test
    void givenTheSameCreateAgainAfterItContinuedADeletedTodo_thenReplaysIt() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding().withTombstone(TodoId.of("t1"), 2);
        CreateTodoService service = serviceOver(repository);
        CreatedTodo first = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, "t1", "Buy milk", null)).block();

        Mono<CreatedTodo> again = service.createTodo(CreateTodoCommand.of(InMemoryTodoStore.LIST, InMemoryTodoStore.EDITOR, "t1", "Buy milk", null));

        StepVerifier.create(again).expectNext(new CreatedTodo(first.todo(), true)).verifyComplete();
        assertThat(first.todo().version()).isEqualTo(3);
    }
}
