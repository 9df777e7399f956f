package dev.livetodos.application.service;

import dev.livetodos.application.port.in.ListMembersCommand;
import dev.livetodos.application.port.in.ListMembersUseCase;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.domain.model.ListAccess;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Role;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * One read of the list's members answers both questions: whether the caller is among them (and
 * so may see them) and who they are.
 */
public final class ListMembersService implements ListMembersUseCase {

    static final Comparator<Member> OWNER_FIRST = Comparator
            .comparing((Member member) -> member.role() == Role.OWNER ? 0 : member.role() == Role.EDITOR ? 1 : 2)
            .thenComparing(Member::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Member::personId);

    private final Members members;

    public ListMembersService(Members members) {
        this.members = members;
    }

    @Override
    public Flux<Member> listMembers(ListMembersCommand command) {
        return members.of(command.listId())
                .collectList()
                .flatMapIterable(all -> {
                    Optional<Role> callerRole = roleOf(all, command);
                    ListAccess.require(command.listId(), callerRole, ListOperation.LIST_MEMBERS);
                    return all.stream().sorted(OWNER_FIRST).toList();
                });
    }

    private static Optional<Role> roleOf(List<Member> all, ListMembersCommand command) {
        return all.stream().filter(member -> member.personId().equals(command.caller())).map(Member::role).findFirst();
    }
}
