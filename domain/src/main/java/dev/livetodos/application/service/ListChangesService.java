package dev.livetodos.application.service;

import dev.livetodos.application.port.in.ListChanges;
import dev.livetodos.application.port.in.ListChangesCommand;
import dev.livetodos.application.port.in.ListChangesUseCase;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.domain.model.ChangeCursor;
import dev.livetodos.domain.model.CursorExpiredException;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.TodoChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * A list's change feed, for its members only. A cursor older than the tombstones' retention is
 * refused ({@link CursorExpiredException}) before anything is read: deletes since then may be
 * gone. The next cursor holds the last change given; while more follow, it keeps the moment of
 * the cursor asked from (the changes after it may be as old as that), and once the feed is read
 * to its end it is issued now (every later write comes after this read).
 */
public final class ListChangesService implements ListChangesUseCase {

    /** The most changes one page carries. */
    public static final int DEFAULT_PAGE_SIZE = 500;

    private final TodoStore store;
    private final TodoAccess access;
    private final Clock clock;
    private final Duration retention;
    private final int pageSize;

    public ListChangesService(TodoStore store, Lists lists, Clock clock, Duration retention, int pageSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.access = new TodoAccess(lists);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        this.pageSize = pageSize;
    }

    @Override
    public Mono<ListChanges> listChanges(ListChangesCommand command) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            ChangeCursor after = command.after();
            if (after.isOlderThan(retention, now)) {
                // Told only to members, like everything else about the list.
                return access.checked(command.list(), command.caller(), ListOperation.READ_TODOS,
                        Mono.<ListChanges>error(new CursorExpiredException()));
            }
            return access.checked(command.list(), command.caller(), ListOperation.READ_TODOS,
                    store.of(command.list(), command.caller()).changesAfter(after.seq(), pageSize)
                            .map(page -> {
                                List<TodoChange> changes = page.changes();
                                long last = changes.isEmpty() ? after.seq() : changes.get(changes.size() - 1).seq();
                                Instant issued = page.more() ? after.issuedAt() : now;
                                return new ListChanges(changes, new ChangeCursor(last, issued), page.more());
                            }));
        });
    }
}
