package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoList;
import reactor.core.publisher.Mono;

/** The people who have signed in at least once. */
public interface People {

    /** Whether the person has signed in before (and so has been given their first list). */
    Mono<Boolean> isKnown(PersonId person);

    /**
     * Records the person's first sign-in together with their first list and their ownership of
     * it: all three or nothing. Emits true when this call recorded it, false when they were
     * known already (another request got there first); then nothing was written.
     */
    Mono<Boolean> registerIfAbsent(Person person, TodoList firstList, Member owner);
}
