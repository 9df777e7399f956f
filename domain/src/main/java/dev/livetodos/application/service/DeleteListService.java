package dev.livetodos.application.service;

import dev.livetodos.application.port.in.DeleteListCommand;
import dev.livetodos.application.port.in.DeleteListUseCase;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.domain.model.ListAccess;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.ListOperation;
import reactor.core.publisher.Mono;

/**
 * The owner deletes the list. A list that is gone already answers as not found, like any list
 * the caller cannot see: after the delete the caller is nobody's member of it any more. A
 * delete that collided with another write (someone joining that moment) is tried again.
 */
public final class DeleteListService implements DeleteListUseCase {

    private final Lists lists;

    public DeleteListService(Lists lists) {
        this.lists = lists;
    }

    @Override
    public Mono<Void> deleteList(DeleteListCommand command) {
        return OptimisticWrite.attempt(() -> lists.findFor(command.listId(), command.caller())
                .switchIfEmpty(Mono.error(() -> new ListNotFoundException(command.listId())))
                .flatMap(found -> {
                    ListAccess.require(command.listId(), found.callerRole(), ListOperation.DELETE_LIST);
                    return lists.delete(command.listId());
                }));
    }
}
