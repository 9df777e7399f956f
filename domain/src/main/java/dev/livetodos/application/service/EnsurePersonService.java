package dev.livetodos.application.service;

import dev.livetodos.application.port.in.EnsurePersonCommand;
import dev.livetodos.application.port.in.EnsurePersonUseCase;
import dev.livetodos.application.port.out.People;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListName;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A known person costs one read. A new one is recorded together with their first list in one
 * conditional write: of two first requests at once, one records both, the other finds the person
 * recorded and writes nothing, so nobody gets two "My todos". When the two writes collide in the
 * store, which then turns one down as a race, that one reads again and finds the other's. A
 * person who later deletes that list stays known and does not get it back.
 */
public final class EnsurePersonService implements EnsurePersonUseCase {

    private final People people;
    private final Supplier<ListId> newIds;

    public EnsurePersonService(People people, Supplier<ListId> newIds) {
        this.people = people;
        this.newIds = newIds;
    }

    @Override
    public Mono<Void> ensurePerson(EnsurePersonCommand command) {
        Person person = command.person();
        return OptimisticWrite.attempt(() -> people.isKnown(person.id())
                .flatMap(known -> known ? Mono.just(false) : Mono.defer(() -> {
                    TodoList first = TodoList.create(newIds.get(), ListName.FIRST_LIST, person.id());
                    return people.registerIfAbsent(person, first, Member.of(first.id(), person, Role.OWNER));
                })))
                .then();
    }
}
