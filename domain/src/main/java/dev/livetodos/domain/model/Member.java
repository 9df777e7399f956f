package dev.livetodos.domain.model;

import java.util.Objects;

/**
 * A person's place on a list: their role there and the name the other members see them by
 * (as it was when they joined).
 */
public record Member(ListId listId, PersonId personId, String name, Role role) {

    public Member {
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        new Person(personId, name); // the same rules as the person's display name
    }

    public static Member of(ListId listId, Person person, Role role) {
        return new Member(listId, person.id(), person.name(), role);
    }

    /** This member with another role. */
    public Member withRole(Role newRole) {
        return new Member(listId, personId, name, newRole);
    }
}
