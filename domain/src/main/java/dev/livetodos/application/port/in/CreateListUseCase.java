package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/**
 * Makes a list; its maker owns it. Sending the same id with the same name again is a replay of
 * a lost answer and gives back the stored list; an id taken by another list is a conflict.
 */
public interface CreateListUseCase {

    Mono<CreatedList> createList(CreateListCommand command);
}
