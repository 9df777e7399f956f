package dev.livetodos.domain.model;

/**
 * What a list is called. The same rules as a todo's name (trimmed of what a person cannot see,
 * 1 to 500 characters of valid Unicode), so a page validates both with one rule.
 */
public final class ListName {

    public static final int MAX_LENGTH = TodoName.MAX_LENGTH;

    /** The name a person's first list gets at their first sign-in. */
    public static final String FIRST_LIST = "My todos";

    private ListName() {
    }

    /** The name as stored, or an {@link InvalidTodoException} saying why it cannot be one. */
    public static String normalize(String raw) {
        return TodoName.normalize(raw);
    }
}
