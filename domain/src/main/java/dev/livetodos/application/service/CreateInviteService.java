package dev.livetodos.application.service;

import dev.livetodos.application.port.in.CreateInviteCommand;
import dev.livetodos.application.port.in.CreateInviteUseCase;
import dev.livetodos.application.port.out.Invites;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.ListAccess;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.ListOperation;
import java.time.Clock;
import reactor.core.publisher.Mono;

public final class CreateInviteService implements CreateInviteUseCase {

    private final Lists lists;
    private final Invites invites;
    private final Clock clock;

    public CreateInviteService(Lists lists, Invites invites, Clock clock) {
        this.lists = lists;
        this.invites = invites;
        this.clock = clock;
    }

    @Override
    public Mono<Invite> createInvite(CreateInviteCommand command) {
        return lists.findFor(command.listId(), command.caller())
                .switchIfEmpty(Mono.error(() -> new ListNotFoundException(command.listId())))
                .flatMap(found -> {
                    ListAccess.require(command.listId(), found.callerRole(), ListOperation.INVITE);
                    Invite invite = Invite.create(command.listId(), command.role(), clock.instant());
                    return invites.create(invite).thenReturn(invite);
                });
    }
}
