package dev.livetodos.adapter.wire;

import dev.livetodos.domain.model.ListWithRole;

/**
 * A list on the wire as one member sees it, {@code {"id","name","role","version","seq"}} in this
 * order, the role in lower case: the shape of the list frames, and of the HTTP API's list bodies
 * ({@code GET /api/lists}), so both stay the same.
 */
public record ListJson(String id, String name, String role, long version, long seq) {

    public static ListJson of(ListWithRole list) {
        return new ListJson(list.list().id().value(), list.list().name(), list.role().value(), list.list().version(),
                list.list().seq());
    }
}
