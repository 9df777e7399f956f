package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.Optional;

/** What someone asks to do with a list; {@link ListAccess} says who may. */
public enum ListOperation {
    /** See the list itself: its name, version and feed position. */
    READ_LIST,
    /** Read the list's todos and its change feed. */
    READ_TODOS,
    /** Create, change or delete the list's todos. */
    WRITE_TODOS,
    RENAME_LIST,
    DELETE_LIST,
    /** See who else is on the list. */
    LIST_MEMBERS,
    /** Hand out an invite link. */
    INVITE,
    /** Take oneself off the list. */
    LEAVE,
    /** Take someone else off the list who is not its owner (or is not on it at all). */
    REMOVE_MEMBER,
    /** Take the list's owner off it, when one is not the owner. */
    REMOVE_OWNER;

    /**
     * What removing {@code target} from a list means when {@code caller} asks: leaving when it
     * is themself, otherwise removing a member or the owner, by the target's current role
     * (empty when the target is not on the list).
     */
    public static ListOperation removing(PersonId caller, PersonId target, Optional<Role> targetRole) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetRole, "targetRole");
        if (caller.equals(target)) {
            return LEAVE;
        }
        return targetRole.filter(role -> role == Role.OWNER).isPresent() ? REMOVE_OWNER : REMOVE_MEMBER;
    }
}
