package dev.livetodos.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The fake keeps the promises of the port, or the service tests prove nothing. */
class InMemorySubscribersTest {

    private static final SubscriberId A = new SubscriberId("a");

    @Test
    void givenAGoneSubscriber_thenSendingFailsWithSubscriberGone() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a").gone("a");

        Mono<Void> sending = subscribers.send(A, "frame");

        StepVerifier.create(sending)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(SubscriberGoneException.class,
                                gone -> assertThat(gone.subscriber()).isEqualTo(A)))
                .verify();
        assertThat(subscribers.framesOf("a")).isEmpty();
    }

    @Test
    void givenAnUnknownSubscriber_thenSendingFailsWithSubscriberGoneAndForgettingDoesNothing() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("b");

        Mono<Void> sending = subscribers.send(A, "frame");
        Mono<Void> forgetting = subscribers.forget(A);

        StepVerifier.create(sending).expectError(SubscriberGoneException.class).verify();
        StepVerifier.create(forgetting).verifyComplete();
        assertThat(subscribers.connected()).containsExactly(new SubscriberId("b"));
    }

    @Test
    void givenFailingFromTheSecondFrame_thenOnlyTheFirstArrives() {
        IllegalStateException reset = new IllegalStateException("connection reset");
        InMemorySubscribers subscribers = InMemorySubscribers.of("a").failingFromFrame("a", 2, reset);

        Mono<Void> first = subscribers.send(A, "one");
        Mono<Void> second = subscribers.send(A, "two");
        Mono<Void> third = subscribers.send(A, "three");

        StepVerifier.create(first).verifyComplete();
        StepVerifier.create(second).expectErrorSatisfies(error -> assertThat(error).isSameAs(reset)).verify();
        StepVerifier.create(third).expectErrorSatisfies(error -> assertThat(error).isSameAs(reset)).verify();
        assertThat(subscribers.framesOf("a")).containsExactly("one");
        assertThat(subscribers.sendsStartedTo("a")).containsExactly("one", "two", "three");
    }

    @Test
    void doesNothingBeforeSubscription() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a");

        subscribers.send(A, "frame");
        subscribers.forget(A);

        assertThat(subscribers.sendCount()).isZero();
        assertThat(subscribers.forgotten()).isEmpty();
        assertThat(subscribers.connected()).containsExactly(A);
    }
}
