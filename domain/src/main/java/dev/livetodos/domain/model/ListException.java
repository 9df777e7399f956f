package dev.livetodos.domain.model;

/**
 * Why a request about lists, their members or their invites could not be done. Each kind is
 * expected in normal use (a link that ran out, a viewer pressing a button they should not
 * have), so none of them records a stack trace. Bad input is an {@link InvalidTodoException},
 * and a store that cannot be reached a {@link StoreUnavailableException}, as for todos: a
 * client meets them the same way whichever entity it asked about.
 */
public abstract sealed class ListException extends RuntimeException
        permits ListNotFoundException, ListAccessDeniedException, ListConflictException, InviteNotFoundException,
        CursorExpiredException {

    protected ListException(String message) {
        super(message, null, false, false);
    }
}
