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
        String name = trim(raw);
        if (name.isEmpty()) {
            throw InvalidTodoException.of("", "must not be blank");
        }
        if (!wellFormed(name)) {
            throw InvalidTodoException.of("", "must be valid Unicode text");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw InvalidTodoException.of("", "must be at most " + MAX_LENGTH + " characters");
        }
        return name;
    }

    /**
     * Strips what a person cannot see at either end: white space, no-break spaces and zero-width
     * characters, the same set a browser's {@code trim()} removes and a little more.
     */
    private static String trim(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && invisible(raw.charAt(start))) {
            start++;
        }
        while (end > start && invisible(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }

    /** No half of a surrogate pair on its own: such text cannot be written as UTF-8. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean invisible(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }
}
