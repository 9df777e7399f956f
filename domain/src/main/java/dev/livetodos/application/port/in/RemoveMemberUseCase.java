package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/**
 * Takes a member off a list: the owner removes others, anyone but the owner leaves. Removing
 * someone who is not on the list (a retry whose first answer was lost) is no error.
 */
public interface RemoveMemberUseCase {

    Mono<Void> removeMember(RemoveMemberCommand command);
}
