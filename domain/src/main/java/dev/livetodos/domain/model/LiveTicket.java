package dev.livetodos.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Lets a signed-in person open one live connection. It works once and only for a short while,
 * so a URL that leaks (a proxy's log, the browser's history) is worth nothing. It remembers when
 * the token it was issued against expires: the connection is closed then, as the person's
 * sign-in would have ended any other request.
 *
 * @param expiresAt      until when the ticket may be redeemed: {@link #LIFETIME} after it was
 *                       issued, never after the token behind it
 * @param tokenExpiresAt when the person's token expires; the connection ends then
 */
public record LiveTicket(TicketCode code, PersonId person, Instant expiresAt, Instant tokenExpiresAt) {

    /** How long a ticket can be redeemed. */
    public static final Duration LIFETIME = Duration.ofSeconds(30);

    public LiveTicket {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        if (expiresAt.isAfter(tokenExpiresAt)) {
            throw new IllegalArgumentException("a ticket cannot outlive the token it was issued against");
        }
    }

    /**
     * A new ticket for the person, with a fresh code, that can be redeemed for
     * {@link #LIFETIME} or until their token expires, whichever comes first, in whole seconds
     * (as a store's time to live counts them).
     * A token that expired in the moment since it was checked earns a ticket that is expired
     * already, which no connection can redeem.
     */
    public static LiveTicket issue(PersonId person, Instant tokenExpiresAt, Instant now) {
        Instant lifetimeEnd = now.plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        Instant tokenEnd = tokenExpiresAt.truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = lifetimeEnd.isAfter(tokenEnd) ? tokenEnd : lifetimeEnd;
        return new LiveTicket(TicketCode.random(), person, expiry, tokenExpiresAt);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
