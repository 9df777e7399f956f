package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity of a list. Like a todo's, clients may choose it (a UUID, so a list created while
 * offline keeps its key); the service picks a UUID when a client does not.
 */
public record ListId(String value) implements Comparable<ListId> {

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ListId {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw InvalidTodoException.of("", "must be 1 to 64 letters, digits, '-' or '_'");
        }
    }

    public static ListId of(String value) {
        if (value == null) {
            throw InvalidTodoException.of("", "is required");
        }
        return new ListId(value);
    }

    public static ListId random() {
        return new ListId(UUID.randomUUID().toString());
    }

    @Override
    public int compareTo(ListId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
