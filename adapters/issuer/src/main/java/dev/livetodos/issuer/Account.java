package dev.livetodos.issuer;

import java.util.Objects;
import java.util.UUID;

/**
 * A person's local account: the stable id every token names as its subject (a name can be
 * spelled differently, the id never changes), the name they chose, and their password's hash.
 */
record Account(UUID id, String name, String passwordHash) {

    Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }
}
