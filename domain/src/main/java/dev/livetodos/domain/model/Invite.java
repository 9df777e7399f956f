package dev.livetodos.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A link an owner hands out so others can join their list: whoever opens it signed in before it
 * expires becomes a member with its role. It can be opened by as many people as the owner gives
 * it to. It never makes anyone an owner.
 */
public record Invite(InviteToken token, ListId listId, Role role, Instant expiresAt) {

    /** How long an invite link works. */
    public static final Duration LIFETIME = Duration.ofDays(7);

    public Invite {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (role == Role.OWNER) {
            throw InvalidTodoException.of("role", "must be 'editor' or 'viewer'; a list has one owner");
        }
    }

    /** A new invite with a fresh token that expires {@link #LIFETIME} from now (to the second). */
    public static Invite create(ListId listId, Role role, Instant now) {
        return new Invite(InviteToken.random(), listId, role, now.plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whether the link no longer works at this moment. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
