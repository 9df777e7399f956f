package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/**
 * Tells each subscriber of the batch's changes of the lists its person is a member of at the time
 * of each change (and of lists it may now see or no longer see), in the order they happened, and
 * nothing else. A subscriber that is gone is forgotten and the others still get the batch. The report names the subscribers that
 * did not get every change, and from which change on, so the batch can be retried from the
 * earliest of them; the retry sends the changes earlier attempts delivered only to those that
 * lack them.
 */
public interface PublishTodoChangesUseCase {

    Mono<PublishReport> publish(PublishTodoChangesCommand command);
}
