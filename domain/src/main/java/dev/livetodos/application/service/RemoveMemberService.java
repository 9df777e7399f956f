package dev.livetodos.application.service;

import dev.livetodos.application.port.in.RemoveMemberCommand;
import dev.livetodos.application.port.in.RemoveMemberUseCase;
import dev.livetodos.application.port.out.ListWithCaller;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.domain.model.ListAccess;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.Member;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Leaving and removing are one use case: which of the two it is, and whether it is allowed,
 * depends on who asks about whom, and {@link ListAccess} decides it.
 */
public final class RemoveMemberService implements RemoveMemberUseCase {

    private final Lists lists;
    private final Members members;

    public RemoveMemberService(Lists lists, Members members) {
        this.lists = lists;
        this.members = members;
    }

    @Override
    public Mono<Void> removeMember(RemoveMemberCommand command) {
        return lists.findFor(command.listId(), command.caller())
                .switchIfEmpty(Mono.error(() -> new ListNotFoundException(command.listId())))
                .flatMap(found -> target(found, command)
                        .flatMap(target -> {
                            ListOperation operation = ListOperation.removing(command.caller(), command.member(), target.map(Member::role));
                            ListAccess.require(command.listId(), found.callerRole(), operation);
                            return target.isPresent() ? members.remove(command.listId(), command.member()) : Mono.<Void>empty();
                        }));
    }

    private Mono<Optional<Member>> target(ListWithCaller found, RemoveMemberCommand command) {
        if (command.member().equals(command.caller())) {
            return Mono.just(found.caller());
        }
        if (found.caller().isEmpty()) {
            return Mono.just(Optional.empty()); // a non-member learns nothing, not even about others
        }
        return members.find(command.listId(), command.member()).map(Optional::of).defaultIfEmpty(Optional.empty());
    }
}
