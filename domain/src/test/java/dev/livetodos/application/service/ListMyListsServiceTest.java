package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.BOB;
import static dev.livetodos.application.service.ListFixtures.DAN;
import static dev.livetodos.application.service.ListFixtures.GROCERIES;

import dev.livetodos.application.port.in.ListMyListsCommand;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ListMyListsServiceTest {

    private final InMemoryListStore store = ListFixtures.sharedGroceries();
    private final ListMyListsService service = new ListMyListsService(store);

    @Test
    void givesTheCallersListsByNameWithTheirRoleOnEach() {
        TodoList bobs = TodoList.create(ListId.of("bobs"), "bike parts", BOB.id());
        TodoList annsOther = TodoList.create(ListId.of("anns"), "Chores", ANN.id());
        store.holding(bobs, Member.of(bobs.id(), BOB, Role.OWNER));
        store.holding(annsOther, Member.of(annsOther.id(), ANN, Role.OWNER), Member.of(annsOther.id(), BOB, Role.VIEWER));

        StepVerifier.create(service.listMyLists(new ListMyListsCommand(BOB.id())))
                .expectNext(new ListWithRole(bobs, Role.OWNER))
                .expectNext(new ListWithRole(annsOther, Role.VIEWER))
                .expectNext(new ListWithRole(GROCERIES, Role.EDITOR))
                .verifyComplete();
    }

    @Test
    void givenSomeoneOnNoList_thenNone() {
        StepVerifier.create(service.listMyLists(new ListMyListsCommand(DAN.id()))).verifyComplete();
    }
}
