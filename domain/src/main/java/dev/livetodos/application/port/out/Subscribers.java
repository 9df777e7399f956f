package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Who is listening for changes, and how a message reaches them. */
public interface Subscribers {

    /**
     * The person's open connections right now (each browser tab holds one), in no particular
     * order; none when they have none. Fails when the host cannot tell, so the changes are
     * published again later rather than lost.
     */
    Flux<SubscriberId> of(PersonId person);

    /**
     * Sends one text frame. Fails with {@code SubscriberGoneException} when the subscriber is gone
     * for good; any other failure means this delivery failed and may work when tried again.
     */
    Mono<Void> send(SubscriberId subscriber, String frame);

    /** Forgets a subscriber that is gone; forgetting one that is unknown does nothing. */
    Mono<Void> forget(SubscriberId subscriber);

    /**
     * Lets go of a subscriber that keeps failing to take changes: its connection is closed, so its
     * browser connects again and refetches, and it is forgotten. By default forgetting does it, for
     * hosts where a forgotten subscriber's connection is closed anyway.
     */
    default Mono<Void> disconnect(SubscriberId subscriber) {
        return forget(subscriber);
    }
}
