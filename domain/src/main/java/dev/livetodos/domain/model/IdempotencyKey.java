package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a client names one write with ({@code Idempotency-Key}), so that sending it again, after
 * an answer that never arrived, applies nothing twice and answers what the first one did. Keys
 * are the client's to choose (a UUID, or a UUID and a counter), scoped to the person who sends
 * them: 1 to 128 of {@code A-Z a-z 0-9 . _ ~ : -}.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 128;
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._~:-]{1," + MAX_LENGTH + "}");

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw InvalidTodoException.of("Idempotency-Key",
                    "must be 1 to " + MAX_LENGTH + " letters, digits or . _ ~ : - (a UUID will do)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
