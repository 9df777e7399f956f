package dev.livetodos.domain.model;

import java.util.Objects;

/**
 * One rule a request broke. {@code field} is the path of the bad value in the request, such as
 * {@code name} or {@code [2].changes.status}; {@code $} stands for the request as a whole.
 */
public record Violation(String field, String message) {

    public static final String WHOLE_REQUEST = "$";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** This violation seen from the enclosing value at {@code parent}. */
    public Violation under(String parent) {
        if (field.isEmpty()) {
            return new Violation(parent, message);
        }
        if (parent.isEmpty() || parent.equals(WHOLE_REQUEST)) {
            return this;
        }
        return new Violation(field.startsWith("[") ? parent + field : parent + "." + field, message);
    }
}
