package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberId;
import reactor.core.publisher.Mono;

/**
 * Where new subscribers are written down, for hosts whose connections live elsewhere (API
 * Gateway holds the WebSocket; the function that connects it only learns its id), with the person
 * whose connection it is, so the changes of that person's lists find it.
 */
public interface SubscriberRegistry {

    Mono<Void> register(SubscriberId subscriber, PersonId person);
}
