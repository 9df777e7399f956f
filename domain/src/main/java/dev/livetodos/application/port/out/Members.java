package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who is on which list. Every method fails with {@code StoreUnavailableException} when the store
 * cannot be reached, and the writes with {@code ConcurrentUpdateException} when another writer
 * got there first; in both cases nothing was written.
 */
public interface Members {

    /** The person's membership of the list, if they have one. */
    Mono<Member> find(ListId list, PersonId person);

    /**
     * The lists the person is a member of, each with their role there, in no particular order.
     * A membership that was granted a moment ago may take a moment to show here; lists being
     * deleted do not show.
     */
    Flux<ListWithRole> listsOf(PersonId person);

    /** The list's members in no particular order; none when there is no such list. */
    Flux<Member> of(ListId list);

    /**
     * The list and its members, read at once and strongly consistent (what fanning a change out
     * needs: who is on the list now, and its name, version and seq for those who join).
     */
    Mono<ListRoster> roster(ListId list);

    /**
     * Stores the membership, if the person's role on the list is still {@code expectedRole}
     * (empty: they are not a member) and the list still exists; otherwise nothing is written and
     * it fails with {@code ConcurrentUpdateException}.
     */
    Mono<Void> put(Member member, Optional<Role> expectedRole);

    /**
     * Takes the person off the list; from then on none of their writes to it can commit. A
     * person who is not on it is no error. The owner's membership is never removed: asking for
     * it is a programming error ({@link IllegalStateException}).
     */
    Mono<Void> remove(ListId list, PersonId person);
}
