package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.PersonId;
import java.time.Instant;
import java.util.Objects;

/** A signed-in person asking to open a live connection, and when their token expires. */
public record IssueTicketCommand(PersonId person, Instant tokenExpiresAt) {

    public IssueTicketCommand {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
    }
}
