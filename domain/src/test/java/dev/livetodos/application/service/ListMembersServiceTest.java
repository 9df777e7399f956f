package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.BOB;
import static dev.livetodos.application.service.ListFixtures.CLEO;
import static dev.livetodos.application.service.ListFixtures.DAN;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static dev.livetodos.application.service.ListFixtures.member;

import dev.livetodos.application.port.in.ListMembersCommand;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ListMembersServiceTest {

    private final InMemoryListStore store = ListFixtures.sharedGroceries();
    private final ListMembersService service = new ListMembersService(store);

    @Test
    void givenAViewer_thenGivesTheOwnerFirstThenEditorsThenViewersByName() {
        Person abe = Person.of(PersonId.of("abe"), "abe");
        store.holding(ListFixtures.GROCERIES, member(abe, Role.VIEWER));

        StepVerifier.create(service.listMembers(new ListMembersCommand(LIST, CLEO.id())))
                .expectNext(member(ANN, Role.OWNER), member(BOB, Role.EDITOR), member(abe, Role.VIEWER), member(CLEO, Role.VIEWER))
                .verifyComplete();
    }

    @Test
    void givenANonMemberOrNoSuchList_thenNotFound() {
        StepVerifier.create(service.listMembers(new ListMembersCommand(LIST, DAN.id()))).verifyError(ListNotFoundException.class);
        StepVerifier.create(service.listMembers(new ListMembersCommand(ListId.of("nope"), ANN.id())))
                .verifyError(ListNotFoundException.class);
    }
}
