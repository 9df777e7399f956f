package dev.livetodos.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The secret of a live ticket, which a browser puts in the WebSocket URL because it cannot send
 * headers there. 256 random bits, URL-safe. It is never written to a log.
 */
public record TicketCode(String value) {

    public TicketCode {
        Objects.requireNonNull(value, "value");
        if (!Secrets.wellFormed(value)) {
            throw new IllegalArgumentException("not a ticket code");
        }
    }

    public static TicketCode random() {
        return new TicketCode(Secrets.random());
    }

    /** The code a connection carries, or empty when the text cannot be one; it is refused like a used one. */
    public static Optional<TicketCode> parse(String text) {
        return Secrets.wellFormed(text) ? Optional.of(new TicketCode(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "TicketCode[…]";
    }
}
