package dev.livetodos.domain.model;

/**
 * A change feed was asked for changes after a cursor older than the tombstones' retention: some
 * deletes since then may be gone from the feed, so the reader must read the whole list again (and
 * continue from the cursor that read gives). Nothing is wrong with the request otherwise.
 */
public final class CursorExpiredException extends ListException {

    public CursorExpiredException() {
        super("The cursor is older than the change feed keeps deletes; read the whole list again.");
    }
}
