package dev.livetodos.adapter.in.websocket;

import static dev.livetodos.adapter.in.websocket.LocalWebSocketHost.PATIENCE;
import static dev.livetodos.adapter.in.websocket.LocalWebSocketHost.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.adapter.in.websocket.LocalWebSocketHost.Connected;
import dev.livetodos.adapter.out.websocket.SessionOutbox;
import dev.livetodos.adapter.out.websocket.WebSocketSubscribers;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Sending to sessions: never waiting for a client, and giving up on one that stopped reading. */
class WebSocketSubscribersTest {

    private static final int BUFFER_FRAMES = 16;
    /** Far more than a stuck client's buffers hold (TCP's, Netty's and ours), so the test ends. */
    private static final int MOST_FRAMES_A_STUCK_CLIENT_CAN_HOLD = 2_000;

    private final LocalWebSocketHost host = new LocalWebSocketHost(BUFFER_FRAMES);
    private final WebSocketSubscribers subscribers = host.subscribers;
    private final List<Disposable> fakeSessions = new ArrayList<>();

    @AfterEach
    void stop() {
        fakeSessions.forEach(Disposable::dispose);
        host.close();
    }

    /** A frame near the 32 KB limit that says where it belongs in the sequence. */
    private static String frame(int n) {
        return "{\"n\":" + n + ",\"pad\":\"" + "x".repeat(30_000) + "\"}";
    }

    private static int numberOf(String frame) {
        return Integer.parseInt(frame.substring("{\"n\":".length(), frame.indexOf(',')));
    }

    private static List<Integer> upTo(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    /** Opens a session without a network through the handler, as the server would. */
    private SubscriberId open(FakeSession session, int bufferFrames) {
        TodoWebSocketHandler handler = new TodoWebSocketHandler(subscribers, subscriber -> Mono.empty(), bufferFrames);
        fakeSessions.add(handler.handle(session).subscribe());
        return new SubscriberId(session.getId());
    }

    @Test
    void eachFrameTakenForTheSocketRecordsItsWaitInTheBuffer() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WebSocketSubscribers metered = new WebSocketSubscribers(meters);
        FakeSession stuck = FakeSession.notReading("metered-stuck");
        FakeSession reading = FakeSession.reading("metered-reading");
        TodoWebSocketHandler handler = new TodoWebSocketHandler(metered, subscriber -> Mono.empty(), 16);
        fakeSessions.add(handler.handle(stuck).subscribe());
        fakeSessions.add(handler.handle(reading).subscribe());

        for (int n = 0; n < 3; n++) {
            StepVerifier.create(metered.send(new SubscriberId("metered-stuck"), "stuck " + n)).expectComplete().verify(PATIENCE);
            StepVerifier.create(metered.send(new SubscriberId("metered-reading"), "read " + n)).expectComplete().verify(PATIENCE);
        }

        eventually(() -> reading.sent().size() == 3);
        assertThat(reading.sent()).containsExactly("read 0", "read 1", "read 2");
        // Only the frames a socket took have stopped waiting: the stuck session's are still queued.
        Timer waits = meters.get("livetodos.subscribers.outbox.wait").timer();
        assertThat(waits.count()).isEqualTo(3);
        assertThat(waits.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    /** Sends and tells whether the subscriber turned out to be gone; any other failure fails the test. */
    private boolean sendFindsGone(SubscriberId subscriber, String frame) {
        AtomicBoolean gone = new AtomicBoolean();
        StepVerifier.create(subscribers.send(subscriber, frame)
                        .onErrorResume(SubscriberGoneException.class, error -> {
                            gone.set(true);
                            return Mono.empty();
                        }))
                .expectComplete()
                .verify(PATIENCE);
        return gone.get();
    }

    /**
     * Sends numbered frames to both until the stuck one is given up, letting the reader keep up
     * so only the stuck client's buffer fills. Gives how many frames were sent.
     */
    private int sendUntilGivenUp(Connected reader, Connected stuck) {
        int sent = 0;
        boolean givenUp = false;
        while (!givenUp && sent < MOST_FRAMES_A_STUCK_CLIENT_CAN_HOLD) {
            StepVerifier.create(subscribers.send(reader.id(), frame(sent))).expectComplete().verify(PATIENCE);
            givenUp = sendFindsGone(stuck.id(), frame(sent));
            sent++;
            int sentSoFar = sent;
            if (sentSoFar % 8 == 0) {
                eventually(() -> reader.client().received() == sentSoFar);
            }
        }
        assertThat(givenUp).as("the stuck client was given up after %d frames", sent).isTrue();
        return sent;
    }

    @Test
    void givenAClientThatStopsReading_whenItsBufferFills_thenItIsClosedWith1013AndForgottenWhileAnotherGetsEveryFrame() {
        Connected reader = host.connect(TestClient::reading);
        Connected stuck = host.connect(TestClient::notReading);

        int sent = sendUntilGivenUp(reader, stuck);
        for (int more = 0; more < 10; more++, sent++) {
            StepVerifier.create(subscribers.send(reader.id(), frame(sent))).expectComplete().verify(PATIENCE);
        }

        assertThat(host.ids()).containsExactly(reader.id());
        StepVerifier.create(reader.client().frames().take(sent).map(WebSocketSubscribersTest::numberOf))
                .expectNextSequence(upTo(sent))
                .expectComplete()
                .verify(PATIENCE);
        stuck.client().startReading();
        List<Integer> stuckGot = new ArrayList<>();
        StepVerifier.create(stuck.client().frames().map(WebSocketSubscribersTest::numberOf))
                .recordWith(() -> stuckGot)
                .thenConsumeWhile(n -> true)
                .expectComplete()
                .verify(PATIENCE);
        assertThat(stuckGot).as("the stuck client got the start of the sequence, then the close")
                .isEqualTo(upTo(stuckGot.size()))
                .hasSizeLessThan(sent);
        StepVerifier.create(stuck.client().closeCode()).expectNext(1013).expectComplete().verify(PATIENCE);
    }

    @Test
    void givenASessionThatReadsNothing_thenSendsCompleteAtOnceUntilItsBufferIsFull_andTheNextClosesItWith1013() {
        FakeSession session = FakeSession.notReading("stuck");
        SubscriberId stuck = open(session, 8);

        for (int n = 0; n < 8; n++) {
            StepVerifier.create(subscribers.send(stuck, "frame " + n)).expectComplete().verify(PATIENCE);
        }
        var oneTooMany = subscribers.send(stuck, "frame 8");

        StepVerifier.create(oneTooMany).expectError(SubscriberGoneException.class).verify(PATIENCE);
        StepVerifier.create(session.closeStatus()).expectNext(SessionOutbox.TOO_SLOW).expectComplete().verify(PATIENCE);
        assertThat(host.ids()).isEmpty();
        assertThat(session.sent()).isEmpty();
    }

    @Test
    void givesEveryFrameOfConcurrentSendersToTheSessionOnce() {
        FakeSession session = FakeSession.reading("busy");
        SubscriberId busy = open(session, 256);

        var sending = Flux.range(0, 200)
                .parallel(8)
                .runOn(Schedulers.parallel())
                .flatMap(n -> subscribers.send(busy, "frame " + n))
                .then();

        StepVerifier.create(sending).expectComplete().verify(PATIENCE);
        assertThat(session.sent()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 200).mapToObj(n -> "frame " + n).toList());
    }

    @Test
    void failsWithSubscriberGoneWhenSendingToAnUnknownSubscriber() {
        SubscriberId unknown = new SubscriberId("nobody");

        var sending = subscribers.send(unknown, "{\"type\":\"pong\"}");

        StepVerifier.create(sending)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(SubscriberGoneException.class,
                                gone -> assertThat(gone.subscriber()).isEqualTo(unknown)))
                .verify(PATIENCE);
    }

    @Test
    void givenAnOpenSession_whenItIsForgotten_thenItIsClosedWith1001AndHearsNothingMore() {
        Connected client = host.connect(TestClient::reading);

        StepVerifier.create(subscribers.forget(client.id())).expectComplete().verify(PATIENCE);

        assertThat(host.ids()).isEmpty();
        StepVerifier.create(client.client().closeCode())
                .expectNext(CloseStatus.GOING_AWAY.getCode())
                .expectComplete()
                .verify(PATIENCE);
        StepVerifier.create(subscribers.send(client.id(), "late")).expectError(SubscriberGoneException.class).verify(PATIENCE);
    }

    @Test
    void forgettingAnUnknownSubscriberDoesNothing() {
        Connected client = host.connect(TestClient::reading);

        StepVerifier.create(subscribers.forget(new SubscriberId("nobody"))).expectComplete().verify(PATIENCE);

        assertThat(host.ids()).containsExactly(client.id());
    }

    @Test
    void givenOpenSessions_whenTheServerGoesAway_thenEachIsClosedWith1001AndNewcomersAreTurnedAway() {
        Connected first = host.connect(TestClient::reading);
        Connected second = host.connect(TestClient::reading);

        subscribers.goAway();

        assertThat(host.ids()).isEmpty();
        for (Connected client : List.of(first, second)) {
            StepVerifier.create(client.client().closeCode())
                    .expectNext(CloseStatus.GOING_AWAY.getCode())
                    .expectComplete()
                    .verify(PATIENCE);
        }
        TestClient late = TestClient.reading(host.uri());
        StepVerifier.create(late.closeCode())
                .expectNext(CloseStatus.GOING_AWAY.getCode())
                .expectComplete()
                .verify(PATIENCE);
        assertThat(host.ids()).isEmpty();
    }

    @Test
    void givenTheServerWentAway_whenItWelcomesSessionsAgain_thenNewcomersAreSubscribed() {
        subscribers.goAway();

        subscribers.welcome();

        Connected client = host.connect(TestClient::reading);
        assertThat(host.ids()).containsExactly(client.id());
    }
}
