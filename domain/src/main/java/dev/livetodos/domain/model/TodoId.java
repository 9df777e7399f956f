package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity of a todo. Clients choose it (a UUID, so an optimistic insert keeps its key);
 * the service picks a UUID when a client does not.
 */
public record TodoId(String value) implements Comparable<TodoId> {

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public TodoId {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw InvalidTodoException.of("", "must be 1 to 64 letters, digits, '-' or '_'");
        }
    }

    public static TodoId of(String value) {
        if (value == null) {
            throw InvalidTodoException.of("", "is required");
        }
        return new TodoId(value);
    }

    public static TodoId random() {
        return new TodoId(UUID.randomUUID().toString());
    }

    @Override
    public int compareTo(TodoId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
