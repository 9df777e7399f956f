package dev.livetodos.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.SubscribeCommand;
import dev.livetodos.application.port.out.SubscriberRegistry;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class SubscriptionServiceTest {

    private static final SubscriberId A = new SubscriberId("a");
    private static final SubscriberId B = new SubscriberId("b");

    private static final PersonId ANN = PersonId.of("ann");

    private final List<String> registered = new CopyOnWriteArrayList<>();
    private final SubscriberRegistry registry = (subscriber, person) -> Mono.fromRunnable(() -> registered.add(subscriber + " of " + person));

    @Test
    void subscribeRegistersTheSubscriberWithItsPerson() {
        SubscriptionService service = new SubscriptionService(registry, InMemorySubscribers.of());

        Mono<Void> subscribing = service.subscribe(new SubscribeCommand(A, ANN));

        assertThat(registered).as("nothing before subscription").isEmpty();
        StepVerifier.create(subscribing).verifyComplete();
        assertThat(registered).containsExactly("a of ann");
    }

    @Test
    void unsubscribeForgetsExactlyThatSubscriber() {
        InMemorySubscribers subscribers = InMemorySubscribers.of("a", "b");
        SubscriptionService service = new SubscriptionService(registry, subscribers);

        Mono<Void> unsubscribing = service.unsubscribe(A);

        StepVerifier.create(unsubscribing).verifyComplete();
        assertThat(subscribers.forgotten()).containsExactly(A);
        assertThat(subscribers.connected()).containsExactly(B);
        assertThat(registered).isEmpty();
    }
}
