package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/** A connection has opened: from now on it hears of every change of its person's lists. */
public interface SubscribeUseCase {

    Mono<Void> subscribe(SubscribeCommand command);
}
