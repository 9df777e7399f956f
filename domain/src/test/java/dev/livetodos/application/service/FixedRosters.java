package dev.livetodos.application.service;

import dev.livetodos.application.port.out.ListRoster;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Members for adapters' tests of publishing: lists with fixed members, read as rosters (the
 * only reads publishing makes); any other list is gone. Writes are not what these tests are
 * about, so they are refused. For the core's own tests, {@code InMemoryListStore} keeps every
 * rule of the port.
 */
public final class FixedRosters implements Members {

    private final Map<ListId, ListRoster> rosters = new ConcurrentHashMap<>();

    /** The list, owned by the first person, the others editing it. */
    public static FixedRosters listWith(ListId list, PersonId... people) {
        return new FixedRosters().and(list, people);
    }

    /** Adds (or replaces) a list, owned by the first person, the others editing it. */
    public FixedRosters and(ListId list, PersonId... people) {
        TodoList todoList = TodoList.create(list, "List " + list.value(), people[0]);
        List<Member> members = new java.util.ArrayList<>();
        for (int i = 0; i < people.length; i++) {
            members.add(Member.of(list, new Person(people[i], people[i].value()), i == 0 ? Role.OWNER : Role.EDITOR));
        }
        rosters.put(list, new ListRoster(list, Optional.of(todoList), members));
        return this;
    }

    @Override
    public Mono<ListRoster> roster(ListId list) {
        return Mono.fromSupplier(() -> rosters.getOrDefault(list, ListRoster.gone(list)));
    }

    @Override
    public Flux<Member> of(ListId list) {
        return roster(list).flatMapIterable(ListRoster::members);
    }

    @Override
    public Mono<Member> find(ListId list, PersonId person) {
        return of(list).filter(member -> member.personId().equals(person)).next();
    }

    @Override
    public Flux<ListWithRole> listsOf(PersonId person) {
        return Flux.fromIterable(rosters.values())
                .flatMap(roster -> Flux.fromIterable(roster.members()).filter(member -> member.personId().equals(person))
                        .map(member -> new ListWithRole(roster.list().orElseThrow(), member.role())));
    }

    @Override
    public Mono<Void> put(Member member, Optional<Role> expectedRole) {
        return Mono.error(new UnsupportedOperationException("fixed rosters are not written"));
    }

    @Override
    public Mono<Void> remove(ListId list, PersonId person) {
        return Mono.error(new UnsupportedOperationException("fixed rosters are not written"));
    }
}
