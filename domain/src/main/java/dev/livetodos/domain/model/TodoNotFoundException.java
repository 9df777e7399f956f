package dev.livetodos.domain.model;

import java.util.List;
import java.util.stream.Collectors;

/** One or more todos the request names do not exist; nothing was written. */
public final class TodoNotFoundException extends TodoException {

    private final List<TodoId> ids;

    public TodoNotFoundException(List<TodoId> ids) {
        super(ids.size() == 1
                ? "No todo has the id " + ids.get(0) + "."
                : "No todos have the ids " + ids.stream().map(TodoId::value).collect(Collectors.joining(", ")) + ".",
                null);
        this.ids = List.copyOf(ids);
    }

    public List<TodoId> ids() {
        return ids;
    }
}
