package dev.livetodos.application.service;

import dev.livetodos.application.port.in.AcceptInviteCommand;
import dev.livetodos.application.port.in.AcceptInviteUseCase;
import dev.livetodos.application.port.out.Invites;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.InviteNotFoundException;
import dev.livetodos.domain.model.InviteToken;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Role;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Read the invite, then the list and the caller's membership, decide the role, and write the
 * membership only if the caller's role is still the one read and the list still exists; when
 * another write got in between (a second tab accepting, the list being deleted), start again
 * from a fresh read. A caller who already has the role (or more) costs no write.
 */
public final class AcceptInviteService implements AcceptInviteUseCase {

    private final Invites invites;
    private final Lists lists;
    private final Members members;

    public AcceptInviteService(Invites invites, Lists lists, Members members) {
        this.invites = invites;
        this.lists = lists;
        this.members = members;
    }

    @Override
    public Mono<ListWithRole> acceptInvite(AcceptInviteCommand command) {
        Optional<InviteToken> token = InviteToken.parse(command.token());
        if (token.isEmpty()) {
            return Mono.error(new InviteNotFoundException());
        }
        return OptimisticWrite.attempt(() -> invites.find(token.get())
                .switchIfEmpty(Mono.error(InviteNotFoundException::new))
                .flatMap(invite -> join(invite, command)));
    }

    private Mono<ListWithRole> join(Invite invite, AcceptInviteCommand command) {
        return lists.findFor(invite.listId(), command.caller().id())
                .switchIfEmpty(Mono.error(InviteNotFoundException::new))
                .flatMap(found -> {
                    Optional<Role> current = found.callerRole();
                    Role role = current.map(invite.role()::higherOf).orElse(invite.role());
                    ListWithRole joined = new ListWithRole(found.list(), role);
                    if (current.isPresent() && current.get() == role) {
                        return Mono.just(joined);
                    }
                    Member member = found.caller().map(existing -> existing.withRole(role))
                            .orElseGet(() -> Member.of(invite.listId(), command.caller(), role));
                    return members.put(member, current).thenReturn(joined);
                });
    }
}
