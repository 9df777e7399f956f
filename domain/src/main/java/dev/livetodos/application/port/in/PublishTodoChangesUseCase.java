package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/**
 * Tells every subscriber of a batch of changes, in the order they happened. A subscriber that is
 * gone is forgotten and the others still get the batch. The report names the changes that could
 * not be delivered to every subscriber still there, so they can be delivered again.
 */
public interface PublishTodoChangesUseCase {

    Mono<PublishReport> publish(PublishTodoChangesCommand command);
}
