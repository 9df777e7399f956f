package dev.livetodos.bootstrap;

import dev.livetodos.adapter.out.dynamodb.DynamoDbLegacyTodos;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.People;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoList;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The todos of earlier versions, given to the first person who signs in. Version 1 kept its one
 * anonymous list under {@code TODOS#default}; the step before sign-in served it as the shared
 * list {@code default} owned by {@code everyone}. Nobody owns those todos, so they go to
 * whoever signs in first after this version starts, into the list they are given then ("My
 * todos"), once, logged; the shared list itself is deleted after its todos have left it.
 *
 * <p>Which person is first is decided by the store, not by this process: the move is claimed
 * with one conditional write (see {@link DynamoDbLegacyTodos}), so of several servers or Lambdas
 * signing people up at once exactly one moves the todos. A move that stopped half-way (a crash,
 * the store down) keeps its claim and is finished, into the same list, at the next start.
 */
public final class LegacyTodosHandover {

    /** The shared list of the step before sign-in, and the owner that made it nobody's. */
    static final ListId SHARED_LIST = ListId.of("default");
    static final PersonId EVERYONE = PersonId.of("everyone");

    private static final Logger log = LoggerFactory.getLogger(LegacyTodosHandover.class);

    private final DynamoDbLegacyTodos legacy;
    private final Lists lists;
    private final Clock clock;
    /** Whether this process saw, at its start, todos nobody has claimed yet; most starts see none and never look again. */
    private final AtomicBoolean waiting = new AtomicBoolean();

    LegacyTodosHandover(DynamoDbLegacyTodos legacy, Lists lists, Clock clock) {
        this.legacy = legacy;
        this.lists = lists;
        this.clock = clock;
    }

    /** At start: finishes a move that stopped half-way, or notes whether there are todos waiting for the first person. */
    public Mono<Void> atStart() {
        return legacy.claimState().flatMap(claim -> {
            if (claim.claimed()) {
                waiting.set(false);
                return claim.done() ? Mono.<Void>empty() : moveAll(claim.list(), "finishing the move that had begun");
            }
            return legacy.anyOfVersionOne()
                    .flatMap(any -> any ? Mono.just(true) : sharedList().hasElement())
                    .doOnNext(any -> {
                        waiting.set(any);
                        if (any) {
                            log.info("Todos of an earlier version wait for the first person to sign in; they will go to that person's first list.");
                        }
                    })
                    .then();
        });
    }

    /** A person's first list has just been made: if todos are waiting and this is the first person, they go there. */
    Mono<Void> firstListMade(ListId list, PersonId person) {
        if (!waiting.get()) {
            return Mono.empty();
        }
        return legacy.claim(list, person, clock.instant())
                .flatMap(won -> {
                    waiting.set(false);
                    return won ? moveAll(list, "the first person to sign in") : Mono.<Void>empty();
                })
                // The person's sign-in goes on; the claim stays and the next start finishes the move.
                .onErrorResume(error -> {
                    log.warn("Could not move the todos of an earlier version into the list {} now; the next start finishes the move.",
                            list, error);
                    return Mono.empty();
                });
    }

    private Mono<Void> moveAll(ListId list, String why) {
        return legacy.moveInto(list)
                .zipWith(sharedList()
                        .flatMap(shared -> legacy.moveTodos(SHARED_LIST, list)
                                .flatMap(moved -> lists.delete(SHARED_LIST).thenReturn(moved)))
                        .defaultIfEmpty(0L))
                .flatMap(moved -> legacy.finishClaim(clock.instant()).doOnSuccess(done ->
                        log.info("Moved {} todos of version 1 and {} of the shared list into the list {} ({}).",
                                moved.getT1(), moved.getT2(), list, why)))
                .then();
    }

    /** The shared list, if it is still there (and is that list, not a person's that happens to have its id). */
    private Mono<TodoList> sharedList() {
        return lists.find(SHARED_LIST).filter(list -> list.ownerId().equals(EVERYONE));
    }

    /**
     * The people port with the handover on it: the moment a person is first recorded, with
     * their first list, the waiting todos are offered to that list.
     */
    static People handingOver(People people, LegacyTodosHandover handover) {
        return new People() {
            @Override
            public Mono<Boolean> isKnown(PersonId person) {
                return people.isKnown(person);
            }

            @Override
            public Mono<Boolean> registerIfAbsent(Person person, TodoList firstList, Member owner) {
                return people.registerIfAbsent(person, firstList, owner)
                        .flatMap(registered -> registered
                                ? handover.firstListMade(firstList.id(), person.id()).thenReturn(true)
                                : Mono.just(false));
            }
        };
    }
}
