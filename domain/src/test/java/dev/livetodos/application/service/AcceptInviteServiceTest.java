package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.BOB;
import static dev.livetodos.application.service.ListFixtures.CLEO;
import static dev.livetodos.application.service.ListFixtures.DAN;
import static dev.livetodos.application.service.ListFixtures.GROCERIES;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static dev.livetodos.application.service.ListFixtures.NOW;
import static dev.livetodos.application.service.ListFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.AcceptInviteCommand;
import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.InviteNotFoundException;
import dev.livetodos.domain.model.InviteToken;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class AcceptInviteServiceTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final InMemoryListStore store = ListFixtures.sharedGroceries(clock);
    private final AcceptInviteService service = new AcceptInviteService(store, store, store);

    @Test
    void givenSomeoneNew_thenTheyJoinWithTheInvitesRole() {
        Invite invite = invite(Role.EDITOR);

        StepVerifier.create(accept(invite, DAN)).expectNext(new ListWithRole(GROCERIES, Role.EDITOR)).verifyComplete();

        assertThat(store.membersOf(LIST)).contains(member(DAN, Role.EDITOR));
    }

    @Test
    void givenAViewerOpeningAnEditorInvite_thenTheyBecomeAnEditor() {
        StepVerifier.create(accept(invite(Role.EDITOR), CLEO)).expectNext(new ListWithRole(GROCERIES, Role.EDITOR)).verifyComplete();

        assertThat(store.membersOf(LIST)).contains(member(CLEO, Role.EDITOR)).doesNotContain(member(CLEO, Role.VIEWER));
    }

    @Test
    void givenAnEditorOrTheOwnerOpeningAViewerInvite_thenTheyKeepTheirRoleAndNothingIsWritten() {
        Invite invite = invite(Role.VIEWER);
        int writes = store.writes();

        StepVerifier.create(accept(invite, BOB)).expectNext(new ListWithRole(GROCERIES, Role.EDITOR)).verifyComplete();
        StepVerifier.create(accept(invite, ANN)).expectNext(new ListWithRole(GROCERIES, Role.OWNER)).verifyComplete();

        assertThat(store.writes()).isEqualTo(writes);
        assertThat(store.membersOf(LIST)).contains(member(ANN, Role.OWNER), member(BOB, Role.EDITOR));
    }

    @Test
    void givenAnExpiredInvite_thenNotFoundAndNothingIsWritten() {
        Invite invite = invite(Role.EDITOR);
        now.set(invite.expiresAt());

        StepVerifier.create(accept(invite, DAN)).verifyError(InviteNotFoundException.class);

        assertThat(store.membersOf(LIST)).hasSize(3);
    }

    @Test
    void givenAnUnknownOrMalformedToken_thenNotFound() {
        StepVerifier.create(service.acceptInvite(new AcceptInviteCommand(InviteToken.random().value(), DAN)))
                .verifyError(InviteNotFoundException.class);
        StepVerifier.create(service.acceptInvite(new AcceptInviteCommand("../../etc/passwd", DAN)))
                .verifyError(InviteNotFoundException.class);
    }

    @Test
    void givenTheListWasDeleted_thenNotFound() {
        Invite invite = invite(Role.EDITOR);
        store.delete(LIST).block();

        StepVerifier.create(accept(invite, DAN)).verifyError(InviteNotFoundException.class);
    }

    @Test
    void givenAnotherTabJoinedInBetween_thenTriesAgainFromTheNewStateAndJoinsOnce() {
        Invite invite = invite(Role.VIEWER);
        store.beforeNextWrite(() -> store.put(member(DAN, Role.EDITOR), Optional.empty()).block());

        StepVerifier.create(accept(invite, DAN)).expectNext(new ListWithRole(GROCERIES, Role.EDITOR)).verifyComplete();

        assertThat(store.membersOf(LIST)).filteredOn(m -> m.personId().equals(DAN.id())).containsExactly(member(DAN, Role.EDITOR));
    }

    private Invite invite(Role role) {
        Invite invite = Invite.create(LIST, role, now.get().minus(Duration.ofDays(1)));
        store.create(invite).block();
        return invite;
    }

    private reactor.core.publisher.Mono<ListWithRole> accept(Invite invite, dev.livetodos.domain.model.Person caller) {
        return service.acceptInvite(new AcceptInviteCommand(invite.token().value(), caller));
    }
}
