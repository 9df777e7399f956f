package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.BOB;
import static dev.livetodos.application.service.ListFixtures.CLEO;
import static dev.livetodos.application.service.ListFixtures.DAN;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static dev.livetodos.application.service.ListFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.RemoveMemberCommand;
import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.Role;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RemoveMemberServiceTest {

    private final InMemoryListStore store = ListFixtures.sharedGroceries();
    private final RemoveMemberService service = new RemoveMemberService(store, store);

    @Test
    void givenTheOwner_thenRemovesAnEditor() {
        StepVerifier.create(remove(BOB, ANN)).verifyComplete();

        assertThat(store.membersOf(LIST)).containsExactly(member(ANN, Role.OWNER), member(CLEO, Role.VIEWER));
    }

    @Test
    void givenAViewerNamingThemself_thenTheyLeave() {
        StepVerifier.create(remove(CLEO, CLEO)).verifyComplete();

        assertThat(store.membersOf(LIST)).containsExactly(member(ANN, Role.OWNER), member(BOB, Role.EDITOR));
    }

    @Test
    void givenTheOwnerNamingThemself_thenForbiddenAndTheyStay() {
        StepVerifier.create(remove(ANN, ANN))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ListAccessDeniedException.class,
                        denied -> assertThat(denied.operation()).isEqualTo(ListOperation.LEAVE)))
                .verify();

        assertThat(store.writes()).isZero();
    }

    @Test
    void givenAnEditor_thenTheyCannotRemoveAViewerNorTheOwner() {
        StepVerifier.create(remove(CLEO, BOB)).verifyError(ListAccessDeniedException.class);
        StepVerifier.create(remove(ANN, BOB))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ListAccessDeniedException.class,
                        denied -> assertThat(denied.operation()).isEqualTo(ListOperation.REMOVE_OWNER)))
                .verify();

        assertThat(store.writes()).isZero();
        assertThat(store.membersOf(LIST)).hasSize(3);
    }

    @Test
    void givenTheOwnerRemovingSomeoneNotOnTheList_thenNothingIsWrittenAndNoError() {
        StepVerifier.create(remove(DAN, ANN)).verifyComplete();

        assertThat(store.writes()).isZero();
    }

    @Test
    void givenANonMember_thenNotFoundWhoeverTheyName() {
        StepVerifier.create(remove(DAN, DAN)).verifyError(ListNotFoundException.class);
        StepVerifier.create(remove(BOB, DAN)).verifyError(ListNotFoundException.class);

        assertThat(store.membersOf(LIST)).hasSize(3);
    }

    private reactor.core.publisher.Mono<Void> remove(Person member, Person caller) {
        return service.removeMember(new RemoveMemberCommand(LIST, member.id(), caller.id()));
    }
}
