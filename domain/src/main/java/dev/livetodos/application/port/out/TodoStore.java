package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.Optional;

/**
 * Where the todos of every list are kept: each list's todos are a {@link TodoRepository} of their
 * own. Reading them does not depend on who reads (services decide who may, with
 * {@code ListAccess}); every write commits only while the person writing may still change the
 * list's todos, checked by the store in the same transaction as the write, and otherwise fails with
 * {@code WriteNotAllowedException} and writes nothing.
 */
public interface TodoStore {

    /** The list's todos as this person reads and writes them. */
    default TodoRepository of(ListId list, PersonId writer) {
        return of(list, writer, Optional.empty());
    }

    /**
     * The list's todos as this person reads and writes them, each write kept under the record's
     * key when there is one (see {@link WriteRecord}).
     */
    TodoRepository of(ListId list, PersonId writer, Optional<WriteRecord> record);
}
