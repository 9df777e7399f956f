package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberId;
import java.util.Objects;

/** A connection that opened, and the person it was opened for (whose ticket it was). */
public record SubscribeCommand(SubscriberId subscriber, PersonId person) {

    public SubscribeCommand {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(person, "person");
    }
}
