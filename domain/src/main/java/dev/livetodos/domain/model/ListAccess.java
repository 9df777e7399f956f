package dev.livetodos.domain.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what with a list: the one place these rules are written. Services ask it before
 * they read or write; the DynamoDB adapter asks it which roles a member must still hold when a
 * write is committed ({@link #rolesAllowedTo}), so a member removed a moment ago cannot write.
 *
 * <p>The rules. Someone who is not a member gets {@link Access#NOT_FOUND} for everything: they
 * must not learn that the list exists. Members of every role read the list, its todos and its
 * members. Editors and owners change todos. Only the owner renames, deletes, shares the list and
 * removes others. Editors and viewers may leave; the owner cannot (they delete the list instead,
 * so no list is ever left without an owner), and nobody can remove the owner.
 */
public final class ListAccess {

    /** The answer to "may this caller do this?". */
    public enum Access {
        ALLOWED,
        /** Not a member: answered as if the list did not exist. */
        NOT_FOUND,
        /** A member whose role does not allow it. */
        FORBIDDEN
    }

    private ListAccess() {
    }

    /** The roles that may do this; a caller without a role (not a member) never may. */
    public static Set<Role> rolesAllowedTo(ListOperation operation) {
        return switch (Objects.requireNonNull(operation, "operation")) {
            case READ_LIST, READ_TODOS, LIST_MEMBERS -> EnumSet.allOf(Role.class);
            case WRITE_TODOS -> EnumSet.of(Role.OWNER, Role.EDITOR);
            case RENAME_LIST, DELETE_LIST, INVITE, REMOVE_MEMBER -> EnumSet.of(Role.OWNER);
            case LEAVE -> EnumSet.of(Role.EDITOR, Role.VIEWER);
            case REMOVE_OWNER -> EnumSet.noneOf(Role.class);
        };
    }

    /** Whether a caller with this role on the list (empty: not a member) may do this. */
    public static Access decide(Optional<Role> callerRole, ListOperation operation) {
        Objects.requireNonNull(callerRole, "callerRole");
        if (callerRole.isEmpty()) {
            return Access.NOT_FOUND;
        }
        return rolesAllowedTo(operation).contains(callerRole.get()) ? Access.ALLOWED : Access.FORBIDDEN;
    }

    /**
     * Goes on quietly when the caller may do this, and otherwise throws what they are told:
     * {@link ListNotFoundException} when they are not a member, {@link ListAccessDeniedException}
     * with the reason when their role does not allow it.
     *
     * @return the caller's role, which the check has shown to be there
     */
    public static Role require(ListId listId, Optional<Role> callerRole, ListOperation operation) {
        return switch (decide(callerRole, operation)) {
            case ALLOWED -> callerRole.orElseThrow();
            case NOT_FOUND -> throw new ListNotFoundException(listId);
            case FORBIDDEN -> throw new ListAccessDeniedException(listId, operation, reason(callerRole.orElseThrow(), operation));
        };
    }

    private static String reason(Role role, ListOperation operation) {
        return switch (operation) {
            case LEAVE -> "The owner cannot leave their own list; delete it instead.";
            case REMOVE_OWNER -> "Nobody can remove the owner of a list.";
            case WRITE_TODOS -> "As a " + role.value() + " of this list you can read its todos but not change them.";
            default -> "Only the owner of this list can do that; you are a" + (role == Role.EDITOR ? "n " : " ") + role.value() + ".";
        };
    }
}
