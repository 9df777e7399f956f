package dev.livetodos.application.service;

import dev.livetodos.application.port.out.Invites;
import dev.livetodos.application.port.out.ListRoster;
import dev.livetodos.application.port.out.ListWithCaller;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.LiveTickets;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.application.port.out.People;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.InviteToken;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TicketCode;
import dev.livetodos.domain.model.TodoList;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The list ports over maps, with the conditions the real store's writes carry, so a service
 * can be tested alone. {@link #beforeNextWrite} lets a test play another writer that gets in
 * between a service's read and its write; {@link #writes} counts what was written.
 */
final class InMemoryListStore implements Lists, Members, People, Invites, LiveTickets {

    private final Clock clock;
    private final Map<ListId, TodoList> lists = new LinkedHashMap<>();
    private final Map<ListId, Map<PersonId, Member>> members = new LinkedHashMap<>();
    private final Map<PersonId, Person> people = new LinkedHashMap<>();
    private final Map<InviteToken, Invite> invites = new LinkedHashMap<>();
    private final Map<TicketCode, LiveTicket> tickets = new LinkedHashMap<>();
    private final List<Runnable> beforeWrites = new ArrayList<>();
    private int writes;
    private int rosterReads;
    private RuntimeException rosterFailure;

    InMemoryListStore(Clock clock) {
        this.clock = clock;
    }

    /** Runs once, just before the next write is checked and applied. */
    synchronized void beforeNextWrite(Runnable otherWriter) {
        beforeWrites.add(otherWriter);
    }

    synchronized int writes() {
        return writes;
    }

    synchronized List<TodoList> lists() {
        return List.copyOf(lists.values());
    }

    synchronized List<Member> membersOf(ListId list) {
        return List.copyOf(members.getOrDefault(list, Map.of()).values());
    }

    synchronized List<Invite> invites() {
        return List.copyOf(invites.values());
    }

    synchronized List<LiveTicket> tickets() {
        return List.copyOf(tickets.values());
    }

    /** Puts a list and its members in place, as if they had been written earlier. */
    synchronized void holding(TodoList list, Member... listMembers) {
        lists.put(list.id(), list);
        for (Member member : listMembers) {
            members.computeIfAbsent(list.id(), any -> new LinkedHashMap<>()).put(member.personId(), member);
        }
    }

    private void write() {
        List<Runnable> others = List.copyOf(beforeWrites);
        beforeWrites.clear();
        others.forEach(Runnable::run);
        writes++;
    }

    @Override
    public Mono<TodoList> createIfAbsent(TodoList list, Member owner) {
        return Mono.defer(() -> {
            synchronized (this) {
                write();
                TodoList existing = lists.get(list.id());
                if (existing != null) {
                    writes--;
                    return Mono.just(existing);
                }
                holding(list, owner);
                return Mono.empty();
            }
        });
    }

    @Override
    public Mono<TodoList> find(ListId id) {
        return Mono.defer(() -> {
            synchronized (this) {
                return Mono.justOrEmpty(lists.get(id));
            }
        });
    }

    @Override
    public Mono<ListWithCaller> findFor(ListId id, PersonId person) {
        return Mono.defer(() -> {
            synchronized (this) {
                TodoList list = lists.get(id);
                return list == null ? Mono.empty()
                        : Mono.just(new ListWithCaller(list, Optional.ofNullable(members.getOrDefault(id, Map.of()).get(person))));
            }
        });
    }

    @Override
    public Mono<TodoList> rename(TodoList renamed) {
        return Mono.defer(() -> {
            synchronized (this) {
                write();
                TodoList current = lists.get(renamed.id());
                if (current == null || current.version() != renamed.version() - 1) {
                    return Mono.error(new ConcurrentUpdateException("raced"));
                }
                TodoList stored = new TodoList(renamed.id(), renamed.name(), renamed.ownerId(), renamed.version(), current.seq() + 1);
                lists.put(renamed.id(), stored);
                return Mono.just(stored);
            }
        });
    }

    @Override
    public Mono<Void> delete(ListId id) {
        return Mono.defer(() -> {
            synchronized (this) {
                write();
                lists.remove(id);
                members.remove(id);
                return Mono.empty();
            }
        });
    }

    @Override
    public Mono<Member> find(ListId list, PersonId person) {
        return Mono.defer(() -> {
            synchronized (this) {
                return Mono.justOrEmpty(members.getOrDefault(list, Map.of()).get(person));
            }
        });
    }

    @Override
    public Flux<ListWithRole> listsOf(PersonId person) {
        return Flux.defer(() -> {
            synchronized (this) {
                List<ListWithRole> found = new ArrayList<>();
                members.forEach((listId, onList) -> {
                    Member member = onList.get(person);
                    if (member != null && lists.containsKey(listId)) {
                        found.add(new ListWithRole(lists.get(listId), member.role()));
                    }
                });
                return Flux.fromIterable(found);
            }
        });
    }

    @Override
    public Flux<Member> of(ListId list) {
        return Flux.defer(() -> {
            synchronized (this) {
                return lists.containsKey(list) ? Flux.fromIterable(membersOf(list)) : Flux.empty();
            }
        });
    }

    @Override
    public Mono<ListRoster> roster(ListId list) {
        return Mono.defer(() -> {
            synchronized (this) {
                rosterReads++;
                if (rosterFailure != null) {
                    return Mono.error(rosterFailure);
                }
                TodoList found = lists.get(list);
                return Mono.just(found == null ? ListRoster.gone(list) : new ListRoster(list, Optional.of(found), membersOf(list)));
            }
        });
    }

    /** Reading rosters fails from now on, as when the store cannot be reached. */
    synchronized InMemoryListStore failingToReadRosters(RuntimeException failure) {
        rosterFailure = failure;
        return this;
    }

    /** How many rosters were read. */
    synchronized int rosterReads() {
        return rosterReads;
    }

    /** Takes the person off the list at once, as if it had been written earlier. */
    synchronized void without(ListId list, PersonId person) {
        members.getOrDefault(list, new LinkedHashMap<>()).remove(person);
    }

    @Override
    public Mono<Void> put(Member member, Optional<Role> expectedRole) {
        return Mono.defer(() -> {
            synchronized (this) {
                write();
                Optional<Role> current = Optional.ofNullable(members.getOrDefault(member.listId(), Map.of()).get(member.personId()))
                        .map(Member::role);
                if (!lists.containsKey(member.listId()) || !current.equals(expectedRole)) {
                    return Mono.error(new ConcurrentUpdateException("raced"));
                }
                members.computeIfAbsent(member.listId(), any -> new LinkedHashMap<>()).put(member.personId(), member);
                return Mono.empty();
            }
        });
    }

    @Override
    public Mono<Void> remove(ListId list, PersonId person) {
        return Mono.defer(() -> {
            synchronized (this) {
                write();
                Member member = members.getOrDefault(list, Map.of()).get(person);
                if (member != null && member.role() == Role.OWNER) {
                    return Mono.error(new IllegalStateException("the owner's membership is never removed"));
                }
                if (member != null) {
                    members.get(list).remove(person);
                }
                return Mono.empty();
            }
        });
    }

    @Override
    public Mono<Boolean> isKnown(PersonId person) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                return people.containsKey(person);
            }
        });
    }

    @Override
    public Mono<Boolean> registerIfAbsent(Person person, TodoList firstList, Member owner) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                write();
                if (people.containsKey(person.id())) {
                    writes--;
                    return false;
                }
                people.put(person.id(), person);
                holding(firstList, owner);
                return true;
            }
        });
    }

    @Override
    public Mono<Void> create(Invite invite) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                write();
                invites.put(invite.token(), invite);
            }
        });
    }

    @Override
    public Mono<Invite> find(InviteToken token) {
        return Mono.defer(() -> {
            synchronized (this) {
                return Mono.justOrEmpty(invites.get(token)).filter(invite -> !invite.isExpiredAt(clock.instant()));
            }
        });
    }

    @Override
    public Mono<Void> issue(LiveTicket ticket) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                write();
                tickets.put(ticket.code(), ticket);
            }
        });
    }

    @Override
    public Mono<LiveTicket> redeem(TicketCode code) {
        return Mono.defer(() -> {
            synchronized (this) {
                return Mono.justOrEmpty(tickets.remove(Objects.requireNonNull(code)))
                        .filter(ticket -> !ticket.isExpiredAt(clock.instant()));
            }
        });
    }
}
