package dev.livetodos.domain.model;

/** What a todo says: trimmed of surrounding white space, 1 to 500 characters. */
public final class TodoName {

    public static final int MAX_LENGTH = 500;

    private TodoName() {
    }

    /** The name as stored, or an {@link InvalidTodoException} saying why it cannot be one. */
    public static String normalize(String raw) {
        if (raw == null) {
            throw InvalidTodoException.of("", "is required");
        }
        String name = raw.strip();
        if (name.isEmpty()) {
            throw InvalidTodoException.of("", "must not be blank");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw InvalidTodoException.of("", "must be at most " + MAX_LENGTH + " characters");
        }
        return name;
    }
}
