package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.SubscriberId;
import reactor.core.publisher.Mono;

/** A connection has opened: from now on it hears of every change. */
public interface SubscribeUseCase {

    Mono<Void> subscribe(SubscriberId subscriber);
}
