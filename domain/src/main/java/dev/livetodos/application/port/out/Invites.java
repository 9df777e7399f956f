package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.InviteToken;
import reactor.core.publisher.Mono;

/**
 * Invite links that have been handed out. The store forgets an invite some time after it
 * expires; until then an expired one is not found either.
 */
public interface Invites {

    Mono<Void> create(Invite invite);

    /** The invite with this token if it still works now; empty when unknown or expired. */
    Mono<Invite> find(InviteToken token);
}
