package dev.livetodos.application.service;

import dev.livetodos.application.port.in.ListMyListsCommand;
import dev.livetodos.application.port.in.ListMyListsUseCase;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.domain.model.ListWithRole;
import java.util.Comparator;
import reactor.core.publisher.Flux;

/** The caller's own memberships need no access check: a person may always see where they are. */
public final class ListMyListsService implements ListMyListsUseCase {

    /** By name as a person reads it (case aside), ties broken by id so the order is stable. */
    static final Comparator<ListWithRole> BY_NAME = Comparator
            .comparing((ListWithRole entry) -> entry.list().name(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(entry -> entry.list().id());

    private final Members members;

    public ListMyListsService(Members members) {
        this.members = members;
    }

    @Override
    public Flux<ListWithRole> listMyLists(ListMyListsCommand command) {
        return members.listsOf(command.caller()).sort(BY_NAME);
    }
}
