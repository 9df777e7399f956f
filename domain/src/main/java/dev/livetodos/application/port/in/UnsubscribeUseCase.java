package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.SubscriberId;
import reactor.core.publisher.Mono;

/** A connection has closed: it hears of nothing more. */
public interface UnsubscribeUseCase {

    Mono<Void> unsubscribe(SubscriberId subscriber);
}
