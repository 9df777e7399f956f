package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The secret part of an invite link: whoever opens the link signed in joins the list. 256
 * random bits, URL-safe. It is never written to a log.
 */
public record InviteToken(String value) {

    public InviteToken {
        Objects.requireNonNull(value, "value");
        if (!Secrets.wellFormed(value)) {
            throw new IllegalArgumentException("not an invite token");
        }
    }

    public static InviteToken random() {
        return new InviteToken(Secrets.random());
    }

    /**
     * The token a link carries, or empty when the text cannot be one of ours; such a link is
     * answered like an unknown one.
     */
    public static Optional<InviteToken> parse(String text) {
        return Secrets.wellFormed(text) ? Optional.of(new InviteToken(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "InviteToken[…]";
    }
}
