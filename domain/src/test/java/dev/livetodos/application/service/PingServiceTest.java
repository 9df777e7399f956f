package dev.livetodos.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.SubscriberId;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class PingServiceTest {

    private static final SubscriberId A = new SubscriberId("a");
    private static final SubscriberId B = new SubscriberId("b");

    @Test
    void answerPingSendsExactlyAPong() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b");
        PingService service = new PingService(subscribers, PlainFrames.FRAMES);

        Mono<Void> answering = service.answerPing(A);

        StepVerifier.create(answering).verifyComplete();
        assertThat(subscribers.framesOf("a")).containsExactly(PlainFrames.PONG);
        assertThat(subscribers.framesOf("b")).isEmpty();
    }

    @Test
    void givenTheSubscriberIsGone_thenAnswerPingForgetsItAndCompletes() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b").gone("a");
        PingService service = new PingService(subscribers, PlainFrames.FRAMES);

        Mono<Void> answering = service.answerPing(A);

        StepVerifier.create(answering).verifyComplete();
        assertThat(subscribers.forgotten()).containsExactly(A);
        assertThat(subscribers.connected()).containsExactly(B);
    }

    @Test
    void givenTheAnswerFailsForAnotherReason_thenAnswerPingFailsAndForgetsNobody() {
        IllegalStateException throttled = new IllegalStateException("throttled");
        InMemorySubscribers subscribers = InMemorySubscribers.of("a").failing("a", throttled);
        PingService service = new PingService(subscribers, PlainFrames.FRAMES);

        Mono<Void> answering = service.answerPing(A);

        StepVerifier.create(answering)
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(throttled))
                .verify();
        assertThat(subscribers.forgotten()).isEmpty();
    }
}
