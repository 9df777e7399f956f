package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.ListChanges;
import dev.livetodos.application.port.in.ListChangesCommand;
import dev.livetodos.domain.model.ChangeCursor;
import dev.livetodos.domain.model.CursorExpiredException;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ListChangesServiceTest {

    private static final Instant NOW = Instant.parse("2024-05-08T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    private final InMemoryTodoRepository repository = InMemoryTodoRepository.holding();
    private final Todo a = aTodo().withId("a").build();
    private final Todo b = aTodo().withId("b").build();
    private final Todo c = aTodo().withId("c").build();

    private ListChangesService service(int pageSize) {
        InMemoryTodoStore store = InMemoryTodoStore.sharedList(repository);
        return new ListChangesService(store, store.lists(), Clock.fixed(NOW, ZoneOffset.UTC), RETENTION, pageSize);
    }

    private void write() {
        repository.insertIfAbsent(a).block();               // 1
        repository.insertIfAbsent(b).block();               // 2
        repository.insertIfAbsent(c).block();               // 3
        repository.removeIfPresent(TodoId.of("b")).block(); // 4
    }

    @Test
    void givesTheChangesAfterTheCursorInSeqOrderWithDeletesAsTombstones() {
        write();

        ListChanges page = service(10).listChanges(command(new ChangeCursor(1, NOW.minusSeconds(60)))).block();

        assertThat(page.changes()).containsExactly(new TodoChange.Upserted(c.withSeq(3)), new TodoChange.Deleted(TodoId.of("b"), 2, 4));
        assertThat(page.more()).isFalse();
        assertThat(page.cursor()).isEqualTo(new ChangeCursor(4, NOW));
    }

    @Test
    void givenMoreThanAPage_thenTheNextCursorKeepsTheMomentOfTheOneAskedFrom() {
        write();
        Instant asked = NOW.minus(Duration.ofDays(6));

        ListChanges first = service(1).listChanges(command(new ChangeCursor(0, asked))).block();

        assertThat(first.changes()).containsExactly(new TodoChange.Upserted(a.withSeq(1)));
        assertThat(first.more()).isTrue();
        // The changes after seq 1 may be as old as the cursor asked from: the next one is no younger.
        assertThat(first.cursor()).isEqualTo(new ChangeCursor(1, asked));
    }

    @Test
    void givenNothingNew_thenTheCursorStaysAtItsSeq() {
        write();

        ListChanges page = service(10).listChanges(command(new ChangeCursor(4, NOW.minusSeconds(5)))).block();

        assertThat(page.changes()).isEmpty();
        assertThat(page.cursor()).isEqualTo(new ChangeCursor(4, NOW));
    }

    @Test
    void givenACursorOlderThanTheRetention_thenTheReaderMustRefetch() {
        write();

        StepVerifier.create(service(10).listChanges(command(new ChangeCursor(1, NOW.minus(RETENTION).minusSeconds(1)))))
                .expectError(CursorExpiredException.class)
                .verify();
    }

    @Test
    void givenSomeoneNotOnTheList_thenTheListIsNotFoundWhateverTheCursor() {
        write();
        PersonId stranger = InMemoryTodoStore.STRANGER;

        StepVerifier.create(service(10).listChanges(new ListChangesCommand(InMemoryTodoStore.LIST, stranger,
                        new ChangeCursor(0, NOW))))
                .expectError(ListNotFoundException.class)
                .verify();
        StepVerifier.create(service(10).listChanges(new ListChangesCommand(InMemoryTodoStore.LIST, stranger,
                        new ChangeCursor(0, NOW.minus(Duration.ofDays(30))))))
                .expectError(ListNotFoundException.class)
                .verify();
    }

    private static ListChangesCommand command(ChangeCursor after) {
        return new ListChangesCommand(InMemoryTodoStore.LIST, InMemoryTodoStore.VIEWER, after);
    }
}
