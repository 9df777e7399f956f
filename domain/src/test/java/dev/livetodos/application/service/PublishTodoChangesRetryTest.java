package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static dev.livetodos.application.service.ChangeBatches.onList;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.PublishReport;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.domain.model.Redelivery;
import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.SubscriberId;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.Undelivered;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A batch retried after some subscribers missed it: only what is owed goes out again, and only to whom it is owed. */
class PublishTodoChangesRetryTest {

    private static final SubscriberId A = new SubscriberId("a");
    private static final SubscriberId C = new SubscriberId("c");
    private static final RuntimeException RESET = new IllegalStateException("connection reset");

    /** Changes at stream positions 101 to 105, few enough that a batch of them is one frame. */
    private static final List<TodoChange> CHANGES = IntStream.rangeClosed(1, 5)
            .<TodoChange>mapToObj(i -> new TodoChange.Upserted(aTodo().withId("t" + i).withVersion(i).build()))
            .toList();

    private final InMemoryListStore members = ListFixtures.groceriesOf("a", "b", "c");
    private final InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b", "c");
    private final InMemoryPendingDeliveries pending = new InMemoryPendingDeliveries();
    private final PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, pending, 2, 3);

    @Test
    void givenOneSubscriberMissedTheBatch_thenItAloneIsReportedAndWhatItIsOwedIsWrittenDown() {
        subscribers.failing("c", RESET);

        PublishReport report = service.publish(changes(101, 103)).block();

        assertThat(report.undelivered()).containsExactly(new Undelivered(C, position(101), 1));
        assertThat(report.retryFrom()).contains(position(101));
        assertThat(pending.written()).isEqualTo(Map.of(position(101),
                new Redelivery(position(103), List.of(new Undelivered(C, position(101), 1)))));
        assertThat(subscribers.framesOf("a")).containsExactly(frame(101, 103));
    }

    @Test
    void givenTheSameBatchIsRetried_thenOnlyTheSubscriberThatMissedItGetsItAndNothingIsLeftOwed() {
        subscribers.failing("c", RESET);
        service.publish(changes(101, 103)).block();
        subscribers.healthy("c");

        PublishReport report = service.publish(changes(101, 103)).block();

        assertThat(report.deliveredToAll()).isTrue();
        assertThat(subscribers.framesOf("a")).containsExactly(frame(101, 103));
        assertThat(subscribers.framesOf("b")).containsExactly(frame(101, 103));
        assertThat(subscribers.framesOf("c")).containsExactly(frame(101, 103));
        assertThat(pending.written()).isEmpty();
    }

    @Test
    void givenTheRetryBringsNewerChanges_thenTheNewerOnesGoToEveryoneAndTheOwedOnesOnlyToWhomTheyAreOwed() {
        subscribers.failing("c", RESET);
        service.publish(changes(101, 103)).block();
        subscribers.healthy("c");

        service.publish(changes(101, 105)).block();

        assertThat(subscribers.framesOf("a")).containsExactly(frame(101, 103), frame(104, 105));
        assertThat(subscribers.framesOf("c")).containsExactly(frame(101, 103), frame(104, 105));
        assertThat(pending.written()).isEmpty();
    }

    @Test
    void givenAnotherSubscriberMissesTheNewerChangesOfTheRetry_thenTheRetryMovesOnToWhereItMissed() {
        subscribers.failing("c", RESET);
        service.publish(changes(101, 103)).block();
        subscribers.healthy("c").failing("a", RESET);

        PublishReport report = service.publish(changes(101, 105)).block();

        assertThat(report.undelivered()).containsExactly(new Undelivered(A, position(104), 1));
        assertThat(pending.written()).isEqualTo(Map.of(position(104),
                new Redelivery(position(105), List.of(new Undelivered(A, position(104), 1)))));
    }

    @Test
    void givenASubscriberFailsTheSameChangeThreeAttemptsInARow_thenItIsDisconnectedAndTheStreamMovesOn() {
        subscribers.failing("c", RESET);
        PublishReport first = service.publish(changes(101, 103)).block();
        PublishReport second = service.publish(changes(101, 103)).block();

        PublishReport third = service.publish(changes(101, 103)).block();

        assertThat(first.undelivered()).containsExactly(new Undelivered(C, position(101), 1));
        assertThat(second.undelivered()).containsExactly(new Undelivered(C, position(101), 2));
        assertThat(third.deliveredToAll()).isTrue();
        assertThat(third.forgotten()).isEqualTo(1);
        assertThat(subscribers.disconnected()).containsExactly(C);
        assertThat(pending.written()).isEmpty();
        assertThat(subscribers.framesOf("a")).as("the others got the batch once").hasSize(1);
    }

    @Test
    void givenTheOwedSubscriberIsGoneByTheRetry_thenNobodyIsSentAnything() {
        subscribers.failing("c", RESET);
        service.publish(changes(101, 103)).block();
        subscribers.gone("c");

        PublishReport report = service.publish(changes(101, 103)).block();

        assertThat(report.deliveredToAll()).isTrue();
        assertThat(subscribers.framesOf("a")).hasSize(1);
        assertThat(subscribers.forgotten()).containsExactly(C);
        assertThat(pending.written()).isEmpty();
    }

    @Test
    void givenTheRetryIsShorterThanTheAttempt_thenTheOwedSubscriberGetsWhatItHasAndTheNextBatchGoesToEveryone() {
        subscribers.failing("c", RESET);
        service.publish(changes(101, 103)).block();
        subscribers.healthy("c");

        PublishReport report = service.publish(changes(101, 102)).block();

        assertThat(report.deliveredToAll()).isTrue();
        assertThat(subscribers.framesOf("c")).containsExactly(frame(101, 102));
        assertThat(subscribers.framesOf("a")).containsExactly(frame(101, 103));
        assertThat(pending.written()).as("so 103 goes to everyone again: a duplicate, not a gap").isEmpty();
    }

    @Test
    void givenWhatIsOwedCannotBeWrittenDown_thenThePublishFailsSoTheBatchIsRetriedWhole() {
        subscribers.failing("c", RESET);
        pending.failingToWrite(new IllegalStateException("table unavailable"));

        reactor.test.StepVerifier.create(service.publish(changes(101, 103)))
                .expectErrorMessage("table unavailable")
                .verify();
    }

    @Test
    void givenASubscriberMissedTheLaterFramesOfALargeBatch_thenTheRetryFromThereBringsItExactlyTheFramesItMissed() {
        List<TodoChange> large = ChangeBatches.largeUpserts(300);
        List<StreamPosition> positions = IntStream.range(0, large.size()).mapToObj(i -> position(1_000 + i)).toList();
        List<String> frames = PlainFrames.FRAMES.split(LIST, large).stream().map(ChangeFrames.Frame::text).toList();
        int thirdFrame = PlainFrames.FRAMES.split(LIST, large).get(2).from();
        InMemorySubscribers two = InMemorySubscribers.of("a", "b").failingFromFrame("b", 3, RESET);
        PublishTodoChangesService publish = new PublishTodoChangesService(two, members, PlainFrames.FRAMES, pending, 2, 3);
        PublishReport first = publish.publish(new PublishTodoChangesCommand(onList(LIST, large), positions)).block();
        two.healthy("b");

        PublishReport retry = publish.publish(new PublishTodoChangesCommand(onList(LIST, large.subList(thirdFrame, large.size())),
                positions.subList(thirdFrame, large.size()))).block();

        assertThat(first.undelivered()).containsExactly(new Undelivered(new SubscriberId("b"), positions.get(thirdFrame), 1));
        assertThat(retry.deliveredToAll()).isTrue();
        assertThat(two.framesOf("b")).as("the same frames, in order, as if nothing had failed").isEqualTo(frames);
        assertThat(two.framesOf("a")).isEqualTo(frames);
    }

    /** The changes at positions {@code from} to {@code to} (101 is the first change). */
    private static PublishTodoChangesCommand changes(int from, int to) {
        return new PublishTodoChangesCommand(onList(LIST, CHANGES.subList(from - 101, to - 100)),
                IntStream.rangeClosed(from, to).mapToObj(PublishTodoChangesRetryTest::position).toList());
    }

    private static String frame(int from, int to) {
        List<ChangeFrames.Frame> frames = PlainFrames.FRAMES.split(LIST, CHANGES.subList(from - 101, to - 100));
        assertThat(frames).hasSize(1);
        return frames.get(0).text();
    }

    private static StreamPosition position(int value) {
        return StreamPosition.of(value);
    }
}
