package dev.livetodos.application.service;

import dev.livetodos.application.port.in.CreateListCommand;
import dev.livetodos.application.port.in.CreateListUseCase;
import dev.livetodos.application.port.in.CreatedList;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.domain.model.ListConflictException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Stores the list and its owner's membership in one write. An id that is taken is a replay when
 * the list there is the caller's and has the same name (the answer to the first try was lost);
 * anything else there is a conflict, which tells nothing about the other list. A write that
 * collided with another in the store is tried again from the start.
 */
public final class CreateListService implements CreateListUseCase {

    private final Lists lists;
    private final Supplier<ListId> newIds;

    public CreateListService(Lists lists, Supplier<ListId> newIds) {
        this.lists = lists;
        this.newIds = newIds;
    }

    @Override
    public Mono<CreatedList> createList(CreateListCommand command) {
        return OptimisticWrite.attempt(() -> {
            TodoList list = TodoList.create(command.id().orElseGet(newIds), command.name(), command.caller().id());
            return lists.createIfAbsent(list, Member.of(list.id(), command.caller(), Role.OWNER))
                    .map(existing -> {
                        if (!existing.hasSameContentAs(list)) {
                            throw ListConflictException.idTaken(list.id());
                        }
                        return new CreatedList(existing, true);
                    })
                    .defaultIfEmpty(new CreatedList(list, false));
        });
    }
}
