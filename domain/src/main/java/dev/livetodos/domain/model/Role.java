package dev.livetodos.domain.model;

/**
 * What a member may do with a list (see {@link ListAccess} for the rules). Each role may do
 * everything the one below it may: owners more than editors, editors more than viewers.
 */
public enum Role {
    /** Made the list; renames, deletes and shares it, removes members. Exactly one per list. */
    OWNER("owner", 3),
    /** Reads and changes the list's todos. */
    EDITOR("editor", 2),
    /** Reads the list's todos. */
    VIEWER("viewer", 1);

    private final String value;
    private final int rank;

    Role(String value, int rank) {
        this.value = value;
        this.rank = rank;
    }

    /** The lower-case name clients and the store use. */
    public String value() {
        return value;
    }

    /** Whether this role may do everything {@code other} may. */
    public boolean includes(Role other) {
        return rank >= other.rank;
    }

    /** Whichever of the two may do more: a second invite never takes anything away. */
    public Role higherOf(Role other) {
        return includes(other) ? this : other;
    }

    public static Role of(String value) {
        for (Role role : values()) {
            if (role.value.equals(value)) {
                return role;
            }
        }
        throw InvalidTodoException.of("", "must be 'owner', 'editor' or 'viewer'");
    }
}
