package dev.livetodos.application.service;

import dev.livetodos.application.port.in.RenameListCommand;
import dev.livetodos.application.port.in.RenameListUseCase;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.domain.model.ListAccess;
import dev.livetodos.domain.model.ListConflictException;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.TodoList;
import reactor.core.publisher.Mono;

/** Read the list and the caller's role, decide, write only if the list is still at that version. */
public final class RenameListService implements RenameListUseCase {

    private final Lists lists;

    public RenameListService(Lists lists) {
        this.lists = lists;
    }

    @Override
    public Mono<TodoList> renameList(RenameListCommand command) {
        return OptimisticWrite.attempt(() -> lists.findFor(command.listId(), command.caller())
                .switchIfEmpty(Mono.error(() -> new ListNotFoundException(command.listId())))
                .flatMap(found -> {
                    ListAccess.require(command.listId(), found.callerRole(), ListOperation.RENAME_LIST);
                    TodoList current = found.list();
                    if (command.expectedVersion().isPresent() && command.expectedVersion().getAsLong() != current.version()) {
                        return Mono.error(ListConflictException.staleVersion(current));
                    }
                    TodoList renamed = current.renamed(command.name());
                    return lists.rename(renamed);
                }));
    }
}
