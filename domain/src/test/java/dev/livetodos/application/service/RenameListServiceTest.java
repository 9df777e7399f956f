package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.BOB;
import static dev.livetodos.application.service.ListFixtures.DAN;
import static dev.livetodos.application.service.ListFixtures.GROCERIES;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.application.port.in.RenameListCommand;
import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListConflictException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.Violation;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RenameListServiceTest {

    private final InMemoryListStore store = ListFixtures.sharedGroceries();
    private final RenameListService service = new RenameListService(store);

    @Test
    void givenTheOwner_thenRenamesOneVersionLaterAndAnswersTheSeqTheRenameTook() {
        StepVerifier.create(service.renameList(RenameListCommand.of(LIST, " Shopping ", null, ANN.id())))
                .expectNext(new TodoList(LIST, "Shopping", ANN.id(), 2, GROCERIES.seq() + 1))
                .verifyComplete();

        assertThat(store.lists()).containsExactly(new TodoList(LIST, "Shopping", ANN.id(), 2, 1));
    }

    @Test
    void givenAStaleVersion_thenConflictsWithTheCurrentOneAndWritesNothing() {
        store.holding(GROCERIES.renamed("Food"));

        StepVerifier.create(service.renameList(RenameListCommand.of(LIST, "Shopping", 1L, ANN.id())))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ListConflictException.class,
                        conflict -> assertThat(conflict.currentVersion()).hasValue(2)))
                .verify();

        assertThat(store.writes()).isZero();
        assertThat(store.lists()).extracting(TodoList::name).containsExactly("Food");
    }

    @Test
    void givenAnEditor_thenForbiddenAndNothingIsWritten() {
        StepVerifier.create(service.renameList(RenameListCommand.of(LIST, "Shopping", null, BOB.id())))
                .verifyError(ListAccessDeniedException.class);

        assertThat(store.writes()).isZero();
    }

    @Test
    void givenANonMemberOrNoSuchList_thenNotFound() {
        StepVerifier.create(service.renameList(RenameListCommand.of(LIST, "Shopping", null, DAN.id())))
                .verifyError(ListNotFoundException.class);
        StepVerifier.create(service.renameList(RenameListCommand.of(ListId.of("nope"), "Shopping", null, ANN.id())))
                .verifyError(ListNotFoundException.class);

        assertThat(store.writes()).isZero();
    }

    @Test
    void givenAnotherRenameInBetweenAndNoVersion_thenAppliesToTheNewerList() {
        store.beforeNextWrite(() -> store.holding(GROCERIES.renamed("Food")));

        StepVerifier.create(service.renameList(RenameListCommand.of(LIST, "Shopping", null, ANN.id())))
                .expectNext(new TodoList(LIST, "Shopping", ANN.id(), 3, 1))
                .verifyComplete();
    }

    @Test
    void givenAnotherRenameInBetweenAndAVersion_thenConflicts() {
        store.beforeNextWrite(() -> store.holding(GROCERIES.renamed("Food")));

        StepVerifier.create(service.renameList(RenameListCommand.of(LIST, "Shopping", 1L, ANN.id())))
                .verifyError(ListConflictException.class);

        assertThat(store.lists()).extracting(TodoList::name).containsExactly("Food");
    }

    @Test
    void aCommandReportsABadNameAndVersion() {
        assertThatThrownBy(() -> RenameListCommand.of(LIST, "", 0L, ANN.id()))
                .isInstanceOfSatisfying(InvalidTodoException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("name", "version"));
    }
}
