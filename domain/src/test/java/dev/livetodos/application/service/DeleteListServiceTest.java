package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.BOB;
import static dev.livetodos.application.service.ListFixtures.CLEO;
import static dev.livetodos.application.service.ListFixtures.DAN;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.DeleteListCommand;
import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListNotFoundException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class DeleteListServiceTest {

    private final InMemoryListStore store = ListFixtures.sharedGroceries();
    private final DeleteListService service = new DeleteListService(store);

    @Test
    void givenTheOwner_thenTheListAndItsMembershipsAreGone() {
        StepVerifier.create(service.deleteList(new DeleteListCommand(LIST, ANN.id()))).verifyComplete();

        assertThat(store.lists()).isEmpty();
        assertThat(store.membersOf(LIST)).isEmpty();
    }

    @Test
    void givenAnEditorOrViewer_thenForbiddenAndNothingIsWritten() {
        StepVerifier.create(service.deleteList(new DeleteListCommand(LIST, BOB.id()))).verifyError(ListAccessDeniedException.class);
        StepVerifier.create(service.deleteList(new DeleteListCommand(LIST, CLEO.id()))).verifyError(ListAccessDeniedException.class);

        assertThat(store.writes()).isZero();
    }

    @Test
    void givenANonMember_thenNotFoundAndNothingIsWritten() {
        StepVerifier.create(service.deleteList(new DeleteListCommand(LIST, DAN.id()))).verifyError(ListNotFoundException.class);

        assertThat(store.writes()).isZero();
        assertThat(store.lists()).hasSize(1);
    }
}
