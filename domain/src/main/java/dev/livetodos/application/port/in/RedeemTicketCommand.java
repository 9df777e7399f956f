package dev.livetodos.application.port.in;

import java.util.Objects;

/** A connection presenting its ticket, as it came in the URL. */
public record RedeemTicketCommand(String ticket) {

    public RedeemTicketCommand {
        Objects.requireNonNull(ticket, "ticket");
    }
}
