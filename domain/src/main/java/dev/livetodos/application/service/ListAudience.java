package dev.livetodos.application.service;

import dev.livetodos.application.port.out.ListRoster;
import dev.livetodos.domain.model.ListChange;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who hears of what in a batch of list changes: the rule that a person receives the changes of
 * the lists they are a member of <em>at the time of the change</em>, and nothing else.
 *
 * <p>Each list's roster is read once, after the batch was written, so it shows the members as
 * the batch (and perhaps later writes) left them. Undoing the batch's own membership changes on
 * it, newest first, from the roles they replaced, gives the members at the batch's start; the
 * batch is then walked in order, each membership change applied as it comes, so a todo change
 * goes to exactly those on the list at that point. Someone removed stops at their removal
 * ({@code list removed}, then nothing more of it); someone who joins, or whose role changes,
 * gets the list with their role ({@code list upsert}) and then its changes; a renamed list
 * goes to each member with their own role; a deleted list is removed for everyone on it.
 *
 * <p>Writes after the batch that the roster already shows can only make the audience narrower
 * (someone removed since hears nothing more) or let someone who is a member by now see changes
 * of the list from just before they joined, which they may read anyway: never a change of a
 * list to someone who may not see it.
 */
final class ListAudience {

    /** What one person is to receive, in batch order: a change of a list at {@code index}, or a list frame. */
    record Entry(int index, ListId list, ListFrame listFrame) {

        boolean isTodoChange() {
            return listFrame == null;
        }
    }

    /** A list frame: the list as one member sees it (with their role), or its removal ({@code list} null). */
    record ListFrame(ListId listId, TodoList list, Role role) {

        static ListFrame upserted(TodoList list, Role role) {
            return new ListFrame(list.id(), list, role);
        }

        static ListFrame removed(ListId list) {
            return new ListFrame(list, null, null);
        }

        boolean isRemoval() {
            return list == null;
        }
    }

    private ListAudience() {
    }

    /**
     * Each person's entries, in the order people first receive something (ties by person id, so
     * the order is the same on every run).
     */
    static Map<PersonId, List<Entry>> of(List<ListChange> changes, Map<ListId, ListRoster> rosters) {
        Map<ListId, Map<PersonId, Role>> members = new HashMap<>();
        Map<ListId, TodoList> lists = new HashMap<>();
        Set<ListId> deleted = new HashSet<>();
        for (ListRoster roster : rosters.values()) {
            Map<PersonId, Role> now = new TreeMap<>();
            roster.members().forEach(member -> now.put(member.personId(), member.role()));
            members.put(roster.listId(), now);
            roster.list().ifPresent(list -> lists.put(list.id(), list));
        }
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i) instanceof ListChange.MembershipChanged membership) {
                Map<PersonId, Role> set = members.computeIfAbsent(membership.listId(), any -> new TreeMap<>());
                membership.before().ifPresentOrElse(role -> set.put(membership.person(), role), () -> set.remove(membership.person()));
            }
        }
        Map<PersonId, List<Entry>> entries = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            ListChange change = changes.get(i);
            ListId list = change.listId();
            Map<PersonId, Role> set = members.computeIfAbsent(list, any -> new TreeMap<>());
            if (change instanceof ListChange.TodoChanged) {
                if (!deleted.contains(list)) {
                    for (PersonId person : set.keySet()) {
                        add(entries, person, new Entry(i, list, null));
                    }
                }
            } else if (change instanceof ListChange.MembershipChanged membership) {
                // Once deleted, the list's remaining members are being swept: they heard of it already.
                if (!deleted.contains(list)) {
                    changeMembership(entries, i, membership, set, lists.get(list));
                }
            } else if (change instanceof ListChange.ListUpdated updated) {
                // A list created again under the id of one deleted earlier in the batch is another list.
                deleted.remove(list);
                TodoList known = lists.get(list);
                if (known == null || known.version() < updated.list().version()) {
                    lists.put(list, updated.list());
                }
                for (Map.Entry<PersonId, Role> member : set.entrySet()) {
                    add(entries, member.getKey(), new Entry(i, list, ListFrame.upserted(updated.list(), member.getValue())));
                }
            } else if (change instanceof ListChange.ListDeleted && deleted.add(list)) {
                for (PersonId person : set.keySet()) {
                    add(entries, person, new Entry(i, list, ListFrame.removed(list)));
                }
                set.clear();
            }
        }
        return entries;
    }

    /**
     * A person joins (or gets another role): the list as they now see it, if its META is known
     * (a list whose META is gone is being deleted, and its removal follows); or they leave.
     */
    private static void changeMembership(Map<PersonId, List<Entry>> entries, int index, ListChange.MembershipChanged membership,
                                         Map<PersonId, Role> set, TodoList list) {
        PersonId person = membership.person();
        Role was = set.get(person);
        if (membership.after().isPresent()) {
            Role role = membership.after().get();
            set.put(person, role);
            if (role != was && list != null) {
                add(entries, person, new Entry(index, membership.listId(), ListFrame.upserted(list, role)));
            }
        } else if (was != null) {
            set.remove(person);
            add(entries, person, new Entry(index, membership.listId(), ListFrame.removed(membership.listId())));
        }
    }

    private static void add(Map<PersonId, List<Entry>> entries, PersonId person, Entry entry) {
        entries.computeIfAbsent(person, any -> new ArrayList<>()).add(entry);
    }
}
