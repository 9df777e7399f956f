package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Member;
import reactor.core.publisher.Flux;

/** A list's members (to its members only): the owner first, then editors, then viewers, each by name. */
public interface ListMembersUseCase {

    Flux<Member> listMembers(ListMembersCommand command);
}
