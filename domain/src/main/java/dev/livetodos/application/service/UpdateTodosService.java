package dev.livetodos.application.service;

import dev.livetodos.application.port.in.TodoUpdate;
import dev.livetodos.application.port.in.UpdateTodosCommand;
import dev.livetodos.application.port.in.UpdateTodosUseCase;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.RecordedWrites;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.domain.model.Conflict;
import dev.livetodos.domain.model.IdempotencyKeyReusedException;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoConflictException;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoNotFoundException;
import dev.livetodos.domain.model.WriteOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

public final class UpdateTodosService implements UpdateTodosUseCase {

    private final TodoStore store;
    private final TodoAccess access;
    private final Clock clock;

    private final IdempotentWrite idempotent;

    public UpdateTodosService(TodoStore store, Lists lists, RecordedWrites recorded, Clock clock) {
        this.store = store;
        this.access = new TodoAccess(lists);
        this.clock = clock;
        this.idempotent = new IdempotentWrite(recorded, access);
    }

    @Override
    public Mono<List<Todo>> updateTodos(UpdateTodosCommand command) {
        List<TodoId> ids = command.updates().stream().map(TodoUpdate::id).toList();
        // Which todos are missing or at another version is only told to those who may write.
        return OptimisticWrite.attempt(() -> idempotent.run(command.list(), command.caller(), command.idempotencyKey(),
                command.fingerprint(), outcome -> answerAgain(command, outcome), record -> {
                    TodoRepository todos = store.of(command.list(), command.caller(), record);
                    return access.checked(command.list(), command.caller(), ListOperation.WRITE_TODOS,
                            todos.findAllById(ids)
                                    .collectMap(Todo::id)
                                    .map(current -> apply(command.updates(), current, clock.instant()))
                                    .flatMap(todos::updateAll));
                }));
    }

    private static List<Todo> answerAgain(UpdateTodosCommand command, WriteOutcome outcome) {
        if (outcome instanceof WriteOutcome.Updated updated) {
            return updated.todos();
        }
        throw new IdempotencyKeyReusedException(command.idempotencyKey().orElseThrow());
    }

    private static List<Todo> apply(List<TodoUpdate> updates, Map<TodoId, Todo> current, Instant now) {
        List<TodoId> missing = new ArrayList<>();
        List<Conflict> stale = new ArrayList<>();
        List<Todo> updated = new ArrayList<>(updates.size());
        for (TodoUpdate update : updates) {
            Todo todo = current.get(update.id());
            if (todo == null) {
                missing.add(update.id());
            } else if (update.expectedVersion().isPresent() && update.expectedVersion().getAsLong() != todo.version()) {
                stale.add(new Conflict(todo.id(), todo.version()));
            } else {
                updated.add(todo.apply(update.changes(), now));
            }
        }
        if (!missing.isEmpty()) {
            throw new TodoNotFoundException(missing);
        }
        if (!stale.isEmpty()) {
            throw TodoConflictException.staleVersions(stale);
        }
        return updated;
    }
}
