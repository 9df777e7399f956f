package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Invite;
import reactor.core.publisher.Mono;

/** Hands out an invite link to a list (its owner only), good for seven days. */
public interface CreateInviteUseCase {

    Mono<Invite> createInvite(CreateInviteCommand command);
}
