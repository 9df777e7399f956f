package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One change the store made to a list, as the people on it must learn of it: a todo of the list
 * changed, a person joined it, left it or got another role, the list itself changed (created or
 * renamed), or it was deleted. Every change names its list, read from the stored item (for a
 * delete, from what was there before), never from what a client asked for: it decides who hears
 * of the change.
 */
public sealed interface ListChange {

    ListId listId();

    /** One of the list's todos was created, changed or deleted. */
    record TodoChanged(ListId listId, TodoChange change) implements ListChange {

        public TodoChanged {
            Objects.requireNonNull(listId, "listId");
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * A person's role on the list went from {@code before} to {@code after}: empty before means
     * they joined, empty after means they left or were removed.
     */
    record MembershipChanged(ListId listId, PersonId person, Optional<Role> before, Optional<Role> after) implements ListChange {

        public MembershipChanged {
            Objects.requireNonNull(listId, "listId");
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            if (before.isEmpty() && after.isEmpty()) {
                throw new IllegalArgumentException("a membership change has a role before or after it");
            }
        }

        public static MembershipChanged joined(ListId list, PersonId person, Role role) {
            return new MembershipChanged(list, person, Optional.empty(), Optional.of(role));
        }

        public static MembershipChanged left(ListId list, PersonId person, Role role) {
            return new MembershipChanged(list, person, Optional.of(role), Optional.empty());
        }
    }

    /** The list now reads like this: just created, or renamed. */
    record ListUpdated(TodoList list) implements ListChange {

        public ListUpdated {
            Objects.requireNonNull(list, "list");
        }

        @Override
        public ListId listId() {
            return list.id();
        }
    }

    /** The list is gone for everyone on it. */
    record ListDeleted(ListId listId) implements ListChange {

        public ListDeleted {
            Objects.requireNonNull(listId, "listId");
        }
    }
}
