package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListWithRole;
import reactor.core.publisher.Mono;

/**
 * Joins the invite's list with the invite's role and gives back the list as the caller now sees
 * it. A member already on the list keeps the higher of their role and the invite's: an invite
 * never takes a right away, and never makes anyone an owner. An unknown or expired invite, or
 * one whose list is gone, is {@code InviteNotFoundException}.
 */
public interface AcceptInviteUseCase {

    Mono<ListWithRole> acceptInvite(AcceptInviteCommand command);
}
