package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The fake keeps the promises of the port, or the service tests prove nothing. */
class InMemoryTodoRepositoryTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final TodoChanges RENAME = TodoChanges.of("Renamed", null);

    private final Todo a = aTodo().withId("a").withVersion(1).build();
    private final Todo b = aTodo().withId("b").withVersion(2).build();

    @Test
    void givenAFreeId_thenInsertsAndEmitsTheTodoNumberedWithTheListsNextSeq() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding();

        Mono<Occupant> result = repository.insertIfAbsent(a);

        StepVerifier.create(result).expectNext(new Occupant.Inserted(a.withSeq(1))).verifyComplete();
        assertThat(repository.contents()).containsExactly(a.withSeq(1));
    }

    @Test
    void givenATakenId_thenEmitsTheStoredTodoAndKeepsIt() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a);

        Mono<Occupant> result = repository.insertIfAbsent(aTodo().withId("a").withName("Other").build());

        StepVerifier.create(result).expectNext(new Occupant.Live(a)).verifyComplete();
        assertThat(repository.contents()).containsExactly(a);
    }

    @Test
    void givenADeletedId_thenEmitsItsTombstoneUntilTheTodoContinuesItsVersion() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding().withTombstone(TodoId.of("a"), 4);

        StepVerifier.create(repository.insertIfAbsent(a)).expectNext(new Occupant.Tombstone(TodoId.of("a"), 4)).verifyComplete();
        StepVerifier.create(repository.findById(TodoId.of("a"))).verifyComplete();

        StepVerifier.create(repository.insertIfAbsent(a.continuingAfter(4)))
                .expectNext(new Occupant.Inserted(a.continuingAfter(4).withSeq(1))).verifyComplete();
        assertThat(repository.contents()).containsExactly(a.continuingAfter(4).withSeq(1));
        assertThat(repository.tombstone(TodoId.of("a"))).isNull();
    }

    @Test
    void givenOneStaleTodoInABatch_thenUpdatesNoneOfThem() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b);
        Todo staleB = aTodo().withId("b").withVersion(2).build(); // expects b at 1, it is at 2

        Mono<List<Todo>> result = repository.updateAll(List.of(a.apply(RENAME, NOW), staleB));

        StepVerifier.create(result).expectError(ConcurrentUpdateException.class).verify();
        assertThat(repository.contents()).containsExactly(a, b);
    }

    @Test
    void givenAnUpdateOfAMissingTodo_thenFails() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding();

        Mono<List<Todo>> result = repository.updateAll(List.of(a.apply(RENAME, NOW)));

        StepVerifier.create(result).expectError(ConcurrentUpdateException.class).verify();
        assertThat(repository.contents()).isEmpty();
    }

    @Test
    void givenOneChangedTodoInADelete_thenDeletesNoneOfThem() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b);

        Mono<Long> result = repository.deleteAll(List.of(a, aTodo().withId("b").withVersion(1).build()));

        StepVerifier.create(result).expectError(ConcurrentUpdateException.class).verify();
        assertThat(repository.contents()).containsExactly(a, b);
    }

    @Test
    void removesAPresentTodoWhateverItsVersionAndEmitsTheSeqOfTheDelete() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b);

        Mono<Long> result = repository.removeIfPresent(TodoId.of("b"));

        StepVerifier.create(result).expectNext(1L).verifyComplete();
        assertThat(repository.contents()).containsExactly(a);
        assertThat(repository.tombstone(TodoId.of("b"))).isEqualTo(3);
    }

    @Test
    void givenAnAbsentId_thenRemovesNothingAndEmitsNothing() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a);

        Mono<Long> result = repository.removeIfPresent(TodoId.of("x"));

        StepVerifier.create(result).verifyComplete();
        assertThat(repository.contents()).containsExactly(a);
    }

    @Test
    void readsOnlyTheTodosThatExist() {
        InMemoryTodoRepository repository = InMemoryTodoRepository.holding(a, b);

        Flux<Todo> result = repository.findAllById(List.of(TodoId.of("b"), TodoId.of("x")));

        StepVerifier.create(result)
                .expectNext(b)
                .verifyComplete();
    }
}
