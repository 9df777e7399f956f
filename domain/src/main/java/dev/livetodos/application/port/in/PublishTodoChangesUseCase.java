package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/**
 * Tells every subscriber of a batch of changes, in the order they happened. A subscriber that is
 * gone is forgotten and the others still get the batch. The report names the subscribers that
 * did not get every change, and from which change on, so the batch can be retried from the
 * earliest of them; the retry sends the changes earlier attempts delivered only to those that
 * lack them.
 */
public interface PublishTodoChangesUseCase {

    Mono<PublishReport> publish(PublishTodoChangesCommand command);
}
