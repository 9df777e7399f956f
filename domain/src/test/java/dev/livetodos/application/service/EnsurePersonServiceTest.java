package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.EnsurePersonCommand;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class EnsurePersonServiceTest {

    private final AtomicInteger ids = new AtomicInteger();
    private final Supplier<ListId> newIds = () -> ListId.of("first-" + ids.incrementAndGet());
    private final InMemoryListStore store = new InMemoryListStore(CLOCK);
    private final EnsurePersonService service = new EnsurePersonService(store, newIds);

    @Test
    void givenAFirstSignIn_thenThePersonOwnsAListCalledMyTodos() {
        StepVerifier.create(service.ensurePerson(new EnsurePersonCommand(ANN))).verifyComplete();

        assertThat(store.lists()).containsExactly(TodoList.create(ListId.of("first-1"), "My todos", ANN.id()));
        assertThat(store.membersOf(ListId.of("first-1"))).containsExactly(Member.of(ListId.of("first-1"), ANN, Role.OWNER));
    }

    @Test
    void givenAKnownPerson_thenNothingIsWritten() {
        service.ensurePerson(new EnsurePersonCommand(ANN)).block();
        int writes = store.writes();

        StepVerifier.create(service.ensurePerson(new EnsurePersonCommand(ANN))).verifyComplete();

        assertThat(store.writes()).isEqualTo(writes);
        assertThat(store.lists()).hasSize(1);
    }

    @Test
    void givenAnotherFirstRequestRecordedThePersonInBetween_thenTheyStillHaveOneList() {
        store.beforeNextWrite(() -> store.registerIfAbsent(ANN, TodoList.create(ListId.of("other"), "My todos", ANN.id()),
                Member.of(ListId.of("other"), ANN, Role.OWNER)).block());

        StepVerifier.create(service.ensurePerson(new EnsurePersonCommand(ANN))).verifyComplete();

        assertThat(store.listsOf(ANN.id()).collectList().block()).extracting(ListWithRole::list).extracting(TodoList::id)
                .containsExactly(ListId.of("other"));
    }

    @Test
    void givenThePersonDeletedTheirFirstList_thenTheyDoNotGetItBack() {
        service.ensurePerson(new EnsurePersonCommand(ANN)).block();
        store.delete(ListId.of("first-1")).block();

        StepVerifier.create(service.ensurePerson(new EnsurePersonCommand(ANN))).verifyComplete();

        assertThat(store.lists()).isEmpty();
    }
}
