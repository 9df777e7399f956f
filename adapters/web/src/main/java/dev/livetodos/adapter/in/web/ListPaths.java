package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import org.springframework.web.reactive.function.server.ServerRequest;

/** The ids in the list API's paths ({@code /api/lists/{listId}/…}); one that cannot be an id is simply not found. */
final class ListPaths {

    static final String LISTS = "/api/lists";
    static final String LIST = "/api/lists/{listId}";
    static final String MEMBERS = "/api/lists/{listId}/members";
    static final String MEMBER = "/api/lists/{listId}/members/{userId}";
    static final String INVITES = "/api/lists/{listId}/invites";
    static final String INVITE = "/api/invites/{token}";
    static final String TODOS = "/api/lists/{listId}/todos";
    static final String TODO = "/api/lists/{listId}/todos/{id}";
    static final String CHANGES = "/api/lists/{listId}/changes";
    /** The full list read's answer header: the cursor of the change feed for what the read holds. */
    public static final String CURSOR_HEADER = "Livetodos-Cursor";

    private ListPaths() {
    }

    static ListId listId(ServerRequest request) {
        try {
            return ListId.of(request.pathVariable("listId"));
        } catch (InvalidTodoException e) {
            throw RequestProblem.noSuchList();
        }
    }

    static PersonId userId(ServerRequest request) {
        try {
            return PersonId.of(request.pathVariable("userId"));
        } catch (InvalidTodoException e) {
            throw RequestProblem.noSuchMember();
        }
    }

    static String list(ListId id) {
        return "/api/lists/" + id.value();
    }

    static String todo(ListId list, String todoId) {
        return list(list) + "/todos/" + todoId;
    }
}
