package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.util.Objects;
import java.util.Optional;

/**
 * A list and the caller's place on it (empty: they are not a member), read together: what every
 * decision about the list needs. Services hand the role to {@code ListAccess}; only a member is
 * ever told anything about the list.
 */
public record ListWithCaller(TodoList list, Optional<Member> caller) {

    public ListWithCaller {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
    }

    public Optional<Role> callerRole() {
        return caller.map(Member::role);
    }
}
