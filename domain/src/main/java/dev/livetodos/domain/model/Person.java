package dev.livetodos.domain.model;

import java.util.Objects;

/**
 * Someone signed in: who they are and the name the others on a shared list see them by (from
 * their token's {@code name}, {@code preferred_username} or {@code email}).
 */
public record Person(PersonId id, String name) {

    public static final int MAX_NAME_LENGTH = 200;

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH || !name.strip().equals(name)) {
            throw new IllegalArgumentException("a display name is 1 to " + MAX_NAME_LENGTH
                    + " characters without surrounding white space");
        }
    }

    /**
     * The person as their token describes them: the display name trimmed and cut to
     * {@link #MAX_NAME_LENGTH} characters; no usable name at all shows their id instead, so a
     * member list never has an empty line.
     */
    public static Person of(PersonId id, String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH)).strip();
        }
        if (name.isEmpty()) {
            name = id.value().length() > MAX_NAME_LENGTH ? id.value().substring(0, MAX_NAME_LENGTH) : id.value();
        }
        return new Person(id, name);
    }
}
