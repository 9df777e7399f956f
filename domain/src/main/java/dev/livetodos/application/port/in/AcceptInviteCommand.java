package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.Person;
import java.util.Objects;

/**
 * A signed-in person opening an invite link. The token is kept as it came: one that cannot be
 * an invite's is answered like an unknown one, not as bad input, so a link reveals nothing.
 */
public record AcceptInviteCommand(String token, Person caller) {

    public AcceptInviteCommand {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(caller, "caller");
    }
}
