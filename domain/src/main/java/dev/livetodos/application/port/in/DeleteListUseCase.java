package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/** Deletes a list, its memberships and its todos (its owner only). */
public interface DeleteListUseCase {

    Mono<Void> deleteList(DeleteListCommand command);
}
