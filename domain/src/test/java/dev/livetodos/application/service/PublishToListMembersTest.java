package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.BOB;
import static dev.livetodos.application.service.ListFixtures.CLEO;
import static dev.livetodos.application.service.ListFixtures.DAN;
import static dev.livetodos.application.service.ListFixtures.GROCERIES;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.PublishReport;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.domain.model.ListChange;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.SubscriberId;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.Undelivered;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Who hears of what: a connection receives the changes of the lists its person is a member of at
 * the time of the change, and nothing else. Ann owns the groceries list, Bob edits it; Dan owns
 * a list of his own. Each person's connection has their name.
 */
class PublishToListMembersTest {

    private static final ListId WORK = ListId.of("work");
    private static final TodoList DANS_WORK = TodoList.create(WORK, "Work", DAN.id());
    private static final RuntimeException RESET = new IllegalStateException("connection reset");

    private final InMemoryListStore store = storeWithAnnAndBobOnGroceriesAndDanOnWork();
    private final InMemorySubscribers connections = InMemorySubscribers.of("ann", "bob", "dan");
    private final InMemoryPendingDeliveries pending = new InMemoryPendingDeliveries();
    private final PublishTodoChangesService service = new PublishTodoChangesService(connections, store, PlainFrames.FRAMES,
            pending, 4, 3);

    @Test
    void givenTwoPeopleOnDifferentLists_thenEachConnectionGetsOnlyItsOwnListsChanges() {
        PublishReport report = service.publish(batch(upsert(LIST, "t1", 1), upsert(WORK, "w1", 1), upsert(LIST, "t2", 1))).block();

        assertThat(connections.framesOf("ann")).containsExactly("list-1 [upsert t1 v1, upsert t2 v1]");
        assertThat(connections.framesOf("bob")).containsExactly("list-1 [upsert t1 v1, upsert t2 v1]");
        assertThat(connections.framesOf("dan")).containsExactly("work [upsert w1 v1]");
        assertThat(report).isEqualTo(new PublishReport(List.of(), 3, 0));
    }

    @Test
    void givenSomeoneOnNoListOfTheBatch_thenTheirConnectionIsNotEvenLookedUp() {
        connections.connection("cleo-tab", CLEO.id());

        service.publish(batch(upsert(LIST, "t1", 1))).block();

        assertThat(connections.framesOf("cleo-tab")).isEmpty();
        assertThat(connections.framesOf("dan")).isEmpty();
        assertThat(connections.lookups()).containsExactly(ANN.id(), BOB.id());
    }

    @Test
    void givenADelete_thenOnlyTheMembersOfTheListItWasOnHearOfIt() {
        service.publish(batch(new ListChange.TodoChanged(WORK, new TodoChange.Deleted(TodoId.of("w1"), 4)))).block();

        assertThat(connections.framesOf("dan")).containsExactly("work [delete w1 v4]");
        assertThat(connections.framesOf("ann")).isEmpty();
        assertThat(connections.framesOf("bob")).isEmpty();
    }

    @Test
    void givenBobIsRemovedMidBatch_thenHeGetsTheChangesBeforeThenListRemovedAndNothingAfter() {
        store.without(LIST, BOB.id());

        service.publish(batch(upsert(LIST, "t1", 1), ListChange.MembershipChanged.left(LIST, BOB.id(), Role.EDITOR),
                upsert(LIST, "t2", 1))).block();

        assertThat(connections.framesOf("bob")).containsExactly("list-1 [upsert t1 v1]", "list-1 removed");
        assertThat(connections.framesOf("ann")).containsExactly("list-1 [upsert t1 v1, upsert t2 v1]");
    }

    @Test
    void givenCleoJoinsMidBatch_thenSheGetsTheListWithHerRoleAndOnlyTheChangesAfterIt() {
        connections.connection("cleo", CLEO.id());
        store.holding(GROCERIES, ListFixtures.member(CLEO, Role.VIEWER));

        service.publish(batch(upsert(LIST, "t1", 1), ListChange.MembershipChanged.joined(LIST, CLEO.id(), Role.VIEWER),
                upsert(LIST, "t2", 1))).block();

        assertThat(connections.framesOf("cleo")).containsExactly(
                PlainFrames.upserted(LIST, "Groceries", 1, "viewer"), "list-1 [upsert t2 v1]");
        assertThat(connections.framesOf("ann")).containsExactly("list-1 [upsert t1 v1, upsert t2 v1]");
    }

    @Test
    void givenBobsRoleChanges_thenHeGetsTheListWithHisNewRoleAndKeepsGettingItsChanges() {
        store.holding(GROCERIES, ListFixtures.member(BOB, Role.VIEWER));

        service.publish(batch(upsert(LIST, "t1", 1),
                new ListChange.MembershipChanged(LIST, BOB.id(), Optional.of(Role.EDITOR), Optional.of(Role.VIEWER)),
                upsert(LIST, "t2", 1))).block();

        assertThat(connections.framesOf("bob")).containsExactly("list-1 [upsert t1 v1]",
                PlainFrames.upserted(LIST, "Groceries", 1, "viewer"), "list-1 [upsert t2 v1]");
        assertThat(connections.framesOf("ann")).containsExactly("list-1 [upsert t1 v1, upsert t2 v1]");
    }

    @Test
    void givenTheListIsRenamed_thenEachMemberGetsItWithTheirOwnRole() {
        TodoList renamed = GROCERIES.renamed("Food");
        store.holding(renamed);

        service.publish(batch(new ListChange.ListUpdated(renamed))).block();

        assertThat(connections.framesOf("ann")).containsExactly(PlainFrames.upserted(LIST, "Food", 2, "owner"));
        assertThat(connections.framesOf("bob")).containsExactly(PlainFrames.upserted(LIST, "Food", 2, "editor"));
        assertThat(connections.framesOf("dan")).isEmpty();
    }

    @Test
    void givenTheListIsDeleted_thenEveryMemberGetsListRemovedOnceAndNothingMoreOfIt() {
        store.delete(LIST).block();

        service.publish(batch(upsert(LIST, "t1", 1), new ListChange.ListDeleted(LIST),
                ListChange.MembershipChanged.left(LIST, BOB.id(), Role.EDITOR),
                ListChange.MembershipChanged.left(LIST, ANN.id(), Role.OWNER),
                new ListChange.TodoChanged(LIST, new TodoChange.Deleted(TodoId.of("t1"), 2)))).block();

        assertThat(connections.framesOf("ann")).containsExactly("list-1 [upsert t1 v1]", "list-1 removed");
        assertThat(connections.framesOf("bob")).containsExactly("list-1 [upsert t1 v1]", "list-1 removed");
        assertThat(connections.framesOf("dan")).isEmpty();
    }

    @Test
    void givenAListCreatedInTheBatch_thenItsOwnerGetsItAndItsFirstTodo() {
        ListId fresh = ListId.of("fresh");
        TodoList list = TodoList.create(fresh, "Fresh", CLEO.id());
        store.holding(list, Member.of(fresh, CLEO, Role.OWNER));
        connections.connection("cleo", CLEO.id());

        service.publish(batch(new ListChange.ListUpdated(list), ListChange.MembershipChanged.joined(fresh, CLEO.id(), Role.OWNER),
                upsert(fresh, "f1", 1))).block();

        assertThat(connections.framesOf("cleo")).containsExactly(PlainFrames.upserted(fresh, "Fresh", 1, "owner"), "fresh [upsert f1 v1]");
    }

    @Test
    void givenAPersonWithTwoConnections_thenBothGetTheirListsChanges() {
        connections.connection("ann-phone", ANN.id());

        service.publish(batch(upsert(LIST, "t1", 1))).block();

        assertThat(connections.framesOf("ann")).containsExactly("list-1 [upsert t1 v1]");
        assertThat(connections.framesOf("ann-phone")).containsExactly("list-1 [upsert t1 v1]");
    }

    @Test
    void readsEachListsRosterAndLooksUpEachPersonOncePerBatch() {
        service.publish(batch(upsert(LIST, "t1", 1), upsert(WORK, "w1", 1), upsert(LIST, "t2", 1), upsert(WORK, "w2", 1))).block();

        assertThat(store.rosterReads()).isEqualTo(2);
        assertThat(connections.lookups()).containsExactlyInAnyOrder(ANN.id(), BOB.id(), DAN.id());
    }

    @Test
    void givenInterleavedLists_thenEachFrameHoldsOneListsChangesInStreamOrder() {
        store.holding(DANS_WORK, Member.of(WORK, ANN, Role.EDITOR));

        service.publish(batch(upsert(LIST, "t1", 1), upsert(WORK, "w1", 1), upsert(WORK, "w2", 1), upsert(LIST, "t2", 1))).block();

        assertThat(connections.framesOf("ann")).containsExactly("list-1 [upsert t1 v1]", "work [upsert w1 v1, upsert w2 v1]",
                "list-1 [upsert t2 v1]");
    }

    @Test
    void givenTheRosterCannotBeRead_thenThePublishFailsAndNothingIsSent() {
        IllegalStateException down = new IllegalStateException("store unavailable");
        store.failingToReadRosters(down);

        StepVerifier.create(service.publish(batch(upsert(LIST, "t1", 1))))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(down))
                .verify();
        assertThat(connections.sendCount()).isZero();
    }

    @Test
    void givenOneOfBobsConnectionsMissesTheBatch_thenTheRetryGoesToThatConnectionAlone() {
        connections.connection("bob-phone", BOB.id()).failing("bob-phone", RESET);
        PublishTodoChangesCommand command = batch(upsert(LIST, "t1", 1), ListChange.MembershipChanged.left(LIST, CLEO.id(), Role.VIEWER),
                upsert(WORK, "w1", 1));
        PublishReport first = service.publish(command).block();
        connections.healthy("bob-phone");

        PublishReport retry = service.publish(command).block();

        assertThat(first.undelivered()).containsExactly(new Undelivered(new SubscriberId("bob-phone"), StreamPosition.of(1), 1));
        assertThat(retry.deliveredToAll()).isTrue();
        assertThat(connections.framesOf("bob-phone")).containsExactly("list-1 [upsert t1 v1]");
        assertThat(connections.framesOf("bob")).containsExactly("list-1 [upsert t1 v1]");
        assertThat(connections.framesOf("ann")).containsExactly("list-1 [upsert t1 v1]");
        assertThat(connections.framesOf("dan")).containsExactly("work [upsert w1 v1]");
    }

    @Test
    void givenAConnectionMissesOnlyItsListFrame_thenTheRetryResendsFromThatFrame() {
        connections.connection("cleo", CLEO.id()).failing("cleo", RESET);
        store.holding(GROCERIES, ListFixtures.member(CLEO, Role.VIEWER));
        PublishTodoChangesCommand command = batch(upsert(LIST, "t1", 1),
                ListChange.MembershipChanged.joined(LIST, CLEO.id(), Role.VIEWER), upsert(LIST, "t2", 1));
        PublishReport first = service.publish(command).block();
        connections.healthy("cleo");

        // The stream retries from the first record someone missed.
        service.publish(new PublishTodoChangesCommand(command.changes().subList(1, 3), command.positions().subList(1, 3))).block();

        assertThat(first.undelivered()).containsExactly(new Undelivered(new SubscriberId("cleo"), StreamPosition.of(2), 1));
        assertThat(connections.framesOf("cleo")).containsExactly(PlainFrames.upserted(LIST, "Groceries", 1, "viewer"),
                "list-1 [upsert t2 v1]");
        assertThat(connections.framesOf("ann")).containsExactly("list-1 [upsert t1 v1, upsert t2 v1]");
    }

    private static InMemoryListStore storeWithAnnAndBobOnGroceriesAndDanOnWork() {
        InMemoryListStore store = new InMemoryListStore(ListFixtures.CLOCK);
        store.holding(GROCERIES, ListFixtures.member(ANN, Role.OWNER), ListFixtures.member(BOB, Role.EDITOR));
        store.holding(DANS_WORK, Member.of(WORK, DAN, Role.OWNER));
        return store;
    }

    private static ListChange upsert(ListId list, String id, long version) {
        return new ListChange.TodoChanged(list, new TodoChange.Upserted(aTodo().withId(id).withVersion(version).build()));
    }

    private static PublishTodoChangesCommand batch(ListChange... changes) {
        return new PublishTodoChangesCommand(List.of(changes),
                IntStream.rangeClosed(1, changes.length).mapToObj(StreamPosition::of).toList());
    }
}
