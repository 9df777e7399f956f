package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.BOB;
import static dev.livetodos.application.service.ListFixtures.GROCERIES;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static dev.livetodos.application.service.ListFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.application.port.in.CreateListCommand;
import dev.livetodos.application.port.in.CreatedList;
import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.ListConflictException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.Violation;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class CreateListServiceTest {

    private final InMemoryListStore store = new InMemoryListStore(ListFixtures.CLOCK);
    private final CreateListService service = new CreateListService(store, () -> ListId.of("generated"));

    @Test
    void givenANewId_thenStoresTheListWithTheCallerAsOwner() {
        StepVerifier.create(service.createList(CreateListCommand.of("list-1", " Groceries ", ANN)))
                .expectNext(new CreatedList(GROCERIES, false))
                .verifyComplete();

        assertThat(store.lists()).containsExactly(GROCERIES);
        assertThat(store.membersOf(LIST)).containsExactly(member(ANN, Role.OWNER));
    }

    @Test
    void givenNoId_thenUsesAGeneratedOne() {
        StepVerifier.create(service.createList(CreateListCommand.of(null, "Groceries", ANN)))
                .assertNext(created -> assertThat(created.list().id()).isEqualTo(ListId.of("generated")))
                .verifyComplete();
    }

    @Test
    void givenTheSameIdAndNameAgain_thenGivesBackTheStoredListAsAReplay() {
        TodoList renamedBack = GROCERIES.renamed("Groceries");
        store.holding(renamedBack, member(ANN, Role.OWNER));

        StepVerifier.create(service.createList(CreateListCommand.of("list-1", "Groceries", ANN)))
                .expectNext(new CreatedList(renamedBack, true))
                .verifyComplete();

        assertThat(store.writes()).isZero();
    }

    @Test
    void givenTheIdHoldsAListWithAnotherName_thenConflictsAndWritesNothing() {
        store.holding(GROCERIES, member(ANN, Role.OWNER));

        StepVerifier.create(service.createList(CreateListCommand.of("list-1", "Hardware", ANN)))
                .verifyError(ListConflictException.class);

        assertThat(store.lists()).containsExactly(GROCERIES);
    }

    @Test
    void givenTheIdHoldsSomeoneElsesList_thenConflictsWithoutTellingItsVersion() {
        store.holding(GROCERIES, member(ANN, Role.OWNER));

        StepVerifier.create(service.createList(CreateListCommand.of("list-1", "Groceries", BOB)))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ListConflictException.class,
                        conflict -> assertThat(conflict.currentVersion()).isEmpty()))
                .verify();

        assertThat(store.membersOf(LIST)).containsExactly(member(ANN, Role.OWNER));
    }

    @Test
    void aCommandReportsEveryBadField() {
        assertThatThrownBy(() -> CreateListCommand.of("bad id", " ", ANN))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("id", "name"));
    }
}
