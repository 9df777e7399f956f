package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.TodoList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A list and everyone on it, read at once: who is to hear of its changes. {@code list} is empty
 * (and {@code members} too) when there is no such list or it is being deleted.
 */
public record ListRoster(ListId listId, Optional<TodoList> list, List<Member> members) {

    public ListRoster {
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(list, "list");
        members = List.copyOf(members);
        if (list.isEmpty() && !members.isEmpty()) {
            throw new IllegalArgumentException("a list that is gone has no members");
        }
    }

    /** No such list (or one being deleted). */
    public static ListRoster gone(ListId listId) {
        return new ListRoster(listId, Optional.empty(), List.of());
    }
}
