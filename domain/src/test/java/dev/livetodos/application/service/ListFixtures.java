package dev.livetodos.application.service;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Ann owns a list; Bob edits it, Cleo views it, Dan is not on it. */
final class ListFixtures {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final Person ANN = Person.of(PersonId.of("ann"), "Ann");
    static final Person BOB = Person.of(PersonId.of("bob"), "Bob");
    static final Person CLEO = Person.of(PersonId.of("cleo"), "Cleo");
    static final Person DAN = Person.of(PersonId.of("dan"), "Dan");

    static final ListId LIST = ListId.of("list-1");
    static final TodoList GROCERIES = TodoList.create(LIST, "Groceries", ANN.id());

    private ListFixtures() {
    }

    static Member member(Person person, Role role) {
        return Member.of(LIST, person, role);
    }

    /** A store holding the groceries list with Ann as owner, Bob as editor and Cleo as viewer. */
    static InMemoryListStore sharedGroceries(Clock clock) {
        InMemoryListStore store = new InMemoryListStore(clock);
        store.holding(GROCERIES, member(ANN, Role.OWNER), member(BOB, Role.EDITOR), member(CLEO, Role.VIEWER));
        return store;
    }

    /** A store holding the groceries list with these people on it: the first owns it, the others edit it. */
    static InMemoryListStore groceriesOf(String... people) {
        InMemoryListStore store = new InMemoryListStore(CLOCK);
        Member[] members = new Member[people.length];
        for (int i = 0; i < people.length; i++) {
            members[i] = member(Person.of(PersonId.of(people[i]), people[i].toUpperCase()), i == 0 ? Role.OWNER : Role.EDITOR);
        }
        store.holding(GROCERIES, members);
        return store;
    }

    static InMemoryListStore sharedGroceries() {
        return sharedGroceries(CLOCK);
    }
}
