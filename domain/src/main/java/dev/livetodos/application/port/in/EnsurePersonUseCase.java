package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/**
 * Makes sure a signed-in person is known here: at their first sign-in they get a list of their
 * own, "My todos". However many of their first requests arrive at once, they get one.
 */
public interface EnsurePersonUseCase {

    Mono<Void> ensurePerson(EnsurePersonCommand command);
}
