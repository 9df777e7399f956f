package dev.livetodos.application.service;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static dev.livetodos.application.service.ChangeBatches.onList;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.livetodos.application.port.in.PublishReport;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.SubscriberId;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.Undelivered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class PublishTodoChangesServiceTest {

    private static final SubscriberId A = new SubscriberId("a");
    private static final SubscriberId B = new SubscriberId("b");
    private static final SubscriberId C = new SubscriberId("c");

    private static final PublishTodoChangesCommand ONE_CHANGE = new PublishTodoChangesCommand(
            onList(LIST, List.of(new TodoChange.Upserted(aTodo().withId("t1").build()))));

    /** a, b and c are on the list whose changes these are; each has one connection, under the same id. */
    private final InMemoryListStore members = ListFixtures.groceriesOf("a", "b", "c");

    /** Large enough for several frames, so "from the frame it missed on" means something. */
    private final List<TodoChange> largeBatch = ChangeBatches.largeUpserts(300);
    private final PublishTodoChangesCommand largeCommand = new PublishTodoChangesCommand(onList(LIST, largeBatch));
    private final List<ChangeFrames.Frame> frames = PlainFrames.FRAMES.split(LIST, largeBatch);
    private final List<String> frameTexts = frames.stream().map(ChangeFrames.Frame::text).toList();
    private final List<Integer> everyFrame = IntStream.range(0, frames.size()).boxed().toList();

    @BeforeEach
    void theLargeBatchTakesSeveralFrames() {
        assertThat(frames.size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void sendsTheBatchAsItsFramesAreWritten() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 4);

        Mono<PublishReport> report = service.publish(new PublishTodoChangesCommand(onList(LIST, List.of(
                new TodoChange.Deleted(TodoId.of("t2"), 4)))));

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(), 1, 0))
                .verifyComplete();
        assertThat(subscribers.framesOf("a"))
                .containsExactly("list-1 [delete t2 v4]");
    }

    @Test
    void everySubscriberGetsEveryFrameInOrder() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b", "c");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(), 3, 0))
                .verifyComplete();
        assertThat(frameNumbers(subscribers.framesOf("a"))).isEqualTo(everyFrame);
        assertThat(frameNumbers(subscribers.framesOf("b"))).isEqualTo(everyFrame);
        assertThat(frameNumbers(subscribers.framesOf("c"))).isEqualTo(everyFrame);
    }

    @Test
    void sendsNothingBeforeSubscription() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        service.publish(largeCommand);

        assertThat(subscribers.sendCount()).isZero();
    }

    @Test
    void givenAGoneSubscriber_thenTheOthersStillGetTheBatch() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b", "c").gone("b");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(), 3, 1))
                .verifyComplete();
        assertThat(frameNumbers(subscribers.framesOf("a"))).isEqualTo(everyFrame);
        assertThat(frameNumbers(subscribers.framesOf("c"))).isEqualTo(everyFrame);
    }

    @Test
    void givenAGoneSubscriber_thenExactlyThatOneIsForgotten() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b", "c").gone("b");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .assertNext(published -> assertThat(published.forgotten()).isEqualTo(1))
                .verifyComplete();
        assertThat(subscribers.forgotten()).containsExactly(B);
        assertThat(subscribers.connected()).containsExactly(A, C);
        assertThat(subscribers.sendsStartedTo("b")).as("no frame after the one that found it gone").hasSize(1);
    }

    @Test
    void givenASubscriberGoneHalfwayThroughTheBatch_thenItIsForgottenAndNothingCountsAsUndelivered() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b")
                .failingFromFrame("b", 3, new SubscriberGoneException(B));
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(), 2, 1))
                .verifyComplete();
        assertThat(subscribers.forgotten()).containsExactly(B);
        assertThat(frameNumbers(subscribers.framesOf("a"))).isEqualTo(everyFrame);
    }

    @Test
    void givenForgettingAGoneSubscriberFails_thenThePublishStillCompletes() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b").gone("b")
                .failingToForget(new IllegalStateException("registry unavailable"));
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(), 2, 1))
                .verifyComplete();
        assertThat(frameNumbers(subscribers.framesOf("a"))).isEqualTo(everyFrame);
    }

    @Test
    void givenAFailingSubscriber_thenItIsReportedWithTheFirstChangeOfTheFrameItMissed() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b")
                .failingFromFrame("b", 3, new IllegalStateException("connection reset"));
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(missed(B, frames.get(2).from())), 2, 0))
                .verifyComplete();
    }

    @Test
    void givenAFailingSubscriber_thenItStopsAtTheFrameThatFailedAndIsNotForgotten() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b")
                .failingFromFrame("b", 3, new IllegalStateException("connection reset"));
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .assertNext(published -> assertThat(published.deliveredToAll()).isFalse())
                .verifyComplete();
        assertThat(frameNumbers(subscribers.framesOf("b"))).containsExactly(0, 1);
        assertThat(frameNumbers(subscribers.sendsStartedTo("b"))).containsExactly(0, 1, 2);
        assertThat(frameNumbers(subscribers.framesOf("a"))).isEqualTo(everyFrame);
        assertThat(subscribers.forgotten()).isEmpty();
        assertThat(subscribers.connected()).containsExactly(A, B);
    }

    @Test
    void givenASubscriberFailingOnTheFirstFrame_thenEveryChangeIsUndelivered() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b")
                .failing("a", new IllegalStateException("throttled"));
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(missed(A, 0)), 2, 0))
                .verifyComplete();
        assertThat(frameNumbers(subscribers.framesOf("b"))).isEqualTo(everyFrame);
    }

    @Test
    void givenTwoFailingSubscribers_thenEachIsReportedFromItsOwnFirstMissedChangeAndTheRetryStartsAtTheEarliest() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b", "c")
                .failingFromFrame("a", 2, new IllegalStateException("connection reset"))
                .failingFromFrame("b", 4, new IllegalStateException("connection reset"));
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 1);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .assertNext(published -> {
                    assertThat(published.undelivered())
                            .containsExactly(missed(A, frames.get(1).from()), missed(B, frames.get(3).from()));
                    assertThat(published.retryFrom()).contains(positionOf(frames.get(1).from()));
                })
                .verifyComplete();
    }

    @Test
    void givenTwoFailingSubscribersTheLaterServedMissingEarlier_thenTheUndeliveredChangesStillStartThere() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b")
                .failingFromFrame("a", 4, new IllegalStateException("connection reset"))
                .failingFromFrame("b", 2, new IllegalStateException("connection reset"));
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 1);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(missed(B, frames.get(1).from()), missed(A, frames.get(3).from())), 2, 0))
                .verifyComplete();
    }

    @Test
    void givenAGoneAndAFailingSubscriber_thenOnlyTheFailingOneMakesChangesUndelivered() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b", "c")
                .gone("a")
                .failingFromFrame("c", 2, new IllegalStateException("connection reset"));
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 3);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(missed(C, frames.get(1).from())), 3, 1))
                .verifyComplete();
        assertThat(subscribers.forgotten()).containsExactly(A);
    }

    @Test
    void servesSubscribersConcurrently() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b");
        Sinks.One<Void> releaseA = subscribers.slowUntilReleased("a");
        Sinks.One<Void> releaseB = subscribers.slowUntilReleased("b");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);
        List<SubscriberId> startedBeforeAnyRelease = new ArrayList<>();

        Mono<PublishReport> report = service.publish(ONE_CHANGE);

        StepVerifier.create(report)
                .then(() -> {
                    startedBeforeAnyRelease.addAll(subscribers.sendsStarted());
                    releaseA.tryEmitEmpty();
                    releaseB.tryEmitEmpty();
                })
                .expectNext(new PublishReport(List.of(), 2, 0))
                .verifyComplete();
        assertThat(startedBeforeAnyRelease).containsExactly(A, B);
    }

    @Test
    void givenConcurrencyOne_thenTheSecondSubscriberWaitsForTheFirst() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b");
        Sinks.One<Void> releaseA = subscribers.slowUntilReleased("a");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 1);
        List<SubscriberId> startedBeforeRelease = new ArrayList<>();

        Mono<PublishReport> report = service.publish(ONE_CHANGE);

        StepVerifier.create(report)
                .then(() -> {
                    startedBeforeRelease.addAll(subscribers.sendsStarted());
                    releaseA.tryEmitEmpty();
                })
                .expectNext(new PublishReport(List.of(), 2, 0))
                .verifyComplete();
        assertThat(startedBeforeRelease).containsExactly(A);
        assertThat(subscribers.sendsStarted()).containsExactly(A, B);
    }

    @Test
    void givenConcurrencyTwo_thenAThirdSubscriberStartsOnlyWhenOneOfTheFirstTwoIsDone() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b", "c");
        Sinks.One<Void> releaseA = subscribers.slowUntilReleased("a");
        Sinks.One<Void> releaseB = subscribers.slowUntilReleased("b");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);
        List<SubscriberId> startedBeforeAnyRelease = new ArrayList<>();
        List<SubscriberId> startedOnceBWasDone = new ArrayList<>();

        Mono<PublishReport> report = service.publish(ONE_CHANGE);

        StepVerifier.create(report)
                .then(() -> {
                    startedBeforeAnyRelease.addAll(subscribers.sendsStarted());
                    releaseB.tryEmitEmpty();
                    startedOnceBWasDone.addAll(subscribers.sendsStarted());
                    releaseA.tryEmitEmpty();
                })
                .expectNext(new PublishReport(List.of(), 3, 0))
                .verifyComplete();
        assertThat(startedBeforeAnyRelease).containsExactly(A, B);
        assertThat(startedOnceBWasDone).containsExactly(A, B, C);
    }

    @Test
    void givenASlowSend_thenTheSubscribersNextFrameWaitsForIt() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a");
        Sinks.One<Void> releaseFirstFrame = subscribers.slowUntilReleased("a");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);
        List<String> startedBeforeRelease = new ArrayList<>();

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .then(() -> {
                    startedBeforeRelease.addAll(subscribers.sendsStartedTo("a"));
                    releaseFirstFrame.tryEmitEmpty();
                })
                .expectNext(new PublishReport(List.of(), 1, 0))
                .verifyComplete();
        assertThat(frameNumbers(startedBeforeRelease)).containsExactly(0);
        assertThat(frameNumbers(subscribers.framesOf("a"))).isEqualTo(everyFrame);
    }

    @Test
    void givenASlowSubscriber_thenTheOthersAreNotHeldUpButTheReportWaitsForIt() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b").slowBy("a", Duration.ofSeconds(5));
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);
        List<String> bGotBeforeTheDelay = new ArrayList<>();
        List<String> aGotBeforeTheDelay = new ArrayList<>();

        StepVerifier.withVirtualTime(() -> service.publish(ONE_CHANGE))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(4))
                .then(() -> {
                    bGotBeforeTheDelay.addAll(subscribers.framesOf("b"));
                    aGotBeforeTheDelay.addAll(subscribers.framesOf("a"));
                })
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(new PublishReport(List.of(), 2, 0))
                .verifyComplete();
        assertThat(bGotBeforeTheDelay).hasSize(1);
        assertThat(aGotBeforeTheDelay).isEmpty();
        assertThat(subscribers.framesOf("a")).isEqualTo(bGotBeforeTheDelay);
    }

    @Test
    void givenListingSubscribersFails_thenThePublishFails() {
        IllegalStateException registryDown = new IllegalStateException("registry unavailable");
        InMemorySubscribers subscribers = InMemorySubscribers.of("a").failingToList(registryDown);
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(ONE_CHANGE);

        StepVerifier.create(report)
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(registryDown))
                .verify();
        assertThat(subscribers.sendCount()).isZero();
    }

    @Test
    void givenAnEmptyBatch_thenSendsNothing() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(new PublishTodoChangesCommand(List.of()));

        StepVerifier.create(report)
                .assertNext(published -> {
                    assertThat(published.deliveredToAll()).isTrue();
                    assertThat(published.forgotten()).isZero();
                })
                .verifyComplete();
        assertThat(subscribers.sendCount()).isZero();
    }

    @Test
    void givenNoSubscribers_thenTheBatchCountsAsDelivered() {
        InMemorySubscribers subscribers = InMemorySubscribers.of();
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);

        Mono<PublishReport> report = service.publish(largeCommand);

        StepVerifier.create(report)
                .expectNext(new PublishReport(List.of(), 0, 0))
                .verifyComplete();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsConcurrencyBelowOne(int concurrency) {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, concurrency))
                .withMessageContaining("concurrency");
    }

    @Test
    void acceptsConcurrencyOne() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a");

        assertThatNoException().isThrownBy(() -> new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 1));
    }

    /** Which frames of the large batch these are, so a failure prints numbers, not JSON. */
    private List<Integer> frameNumbers(List<String> texts) {
        return texts.stream().map(frameTexts::indexOf).toList();
    }

    /** Failed once, at the change at {@code index} of the batch (the command numbers changes from 1). */
    private static Undelivered missed(SubscriberId subscriber, int index) {
        return new Undelivered(subscriber, positionOf(index), 1);
    }

    private static StreamPosition positionOf(int index) {
        return StreamPosition.of(index + 1);
    }

    @Test
    void givenThePublishIsSubscribedAgain_thenTheSecondReportCountsOnlyItsOwnRun() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b").gone("b");
        PublishTodoChangesService service = new PublishTodoChangesService(subscribers, members, PlainFrames.FRAMES, 2);
        Mono<PublishReport> publishing = service.publish(new PublishTodoChangesCommand(
                onList(LIST, List.of(new TodoChange.Upserted(aTodo().build())))));
        publishing.block();

        Mono<PublishReport> again = publishing;

        StepVerifier.create(again).expectNext(new PublishReport(List.of(), 1, 0)).verifyComplete();
    }
}
