package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a person is: the subject ({@code sub}) of the token their issuer signed. It is part of
 * store keys ({@code MEMBER#<id>}, {@code USER#<id>}) and of URLs
 * ({@code /api/lists/{listId}/members/{id}}), so only characters that are safe in both are
 * taken: letters, digits and {@code . _ ~ @ | : + = -} (which covers UUIDs, Cognito's subs and
 * the {@code provider|id} form of others), at most 255 of them, never {@code #} or {@code /}.
 */
public record PersonId(String value) implements Comparable<PersonId> {

    public static final int MAX_LENGTH = 255;

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._~@|:+=-]{1," + MAX_LENGTH + "}");

    public PersonId {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw InvalidTodoException.of("", "must be 1 to " + MAX_LENGTH + " letters, digits or any of . _ ~ @ | : + = -");
        }
    }

    public static PersonId of(String value) {
        if (value == null) {
            throw InvalidTodoException.of("", "is required");
        }
        return new PersonId(value);
    }

    @Override
    public int compareTo(PersonId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
