package dev.livetodos.application.service;

import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.CreatedTodo;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.Occupant;
import dev.livetodos.application.port.out.RecordedWrites;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.IdempotencyKeyReusedException;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoConflictException;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.WriteOutcome;
import java.time.Clock;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

public final class CreateTodoService implements CreateTodoUseCase {

    private final TodoStore store;
    private final TodoAccess access;
    private final Clock clock;
    private final Supplier<TodoId> newIds;
    private final IdempotentWrite idempotent;

    public CreateTodoService(TodoStore store, Lists lists, RecordedWrites recorded, Clock clock, Supplier<TodoId> newIds) {
        this.store = store;
        this.access = new TodoAccess(lists);
        this.clock = clock;
        this.newIds = newIds;
        this.idempotent = new IdempotentWrite(recorded, access);
    }

    @Override
    public Mono<CreatedTodo> createTodo(CreateTodoCommand command) {
        return Mono.defer(() -> {
            Todo todo = Todo.create(command.id().orElseGet(newIds), command.name(), command.status(), clock.instant());
            // The store refuses a writer who may not change the list's todos in the same write, so
            // creating needs no read first: one store call when all is well.
            return OptimisticWrite.attempt(() -> idempotent.run(command.list(), command.caller(), command.idempotencyKey(),
                    command.fingerprint(), outcome -> answerAgain(command, outcome),
                    record -> access.write(command.list(), command.caller(), insert(store.of(command.list(), command.caller(), record), todo, 1))));
        });
    }

    /**
     * Stores the todo under its id. A todo that exists there makes this a replay (same content)
     * or a conflict; a tombstone there means the id was deleted, and the todo is stored again one
     * version after it, so every open page, which applies only newer versions, takes it. Another
     * create and delete of the same id in between moves the tombstone on; this follows it, up to
     * {@link OptimisticWrite#MAX_ATTEMPTS} times, and then reports the race.
     */
    private Mono<CreatedTodo> insert(TodoRepository todos, Todo todo, int attempt) {
        return todos.insertIfAbsent(todo)
                .flatMap(occupant -> {
                    if (occupant instanceof Occupant.Inserted inserted) {
                        return Mono.just(new CreatedTodo(inserted.todo(), false));
                    }
                    if (occupant instanceof Occupant.Live live) {
                        return Mono.just(replayOf(todo, live.todo()));
                    }
                    Occupant.Tombstone tombstone = (Occupant.Tombstone) occupant;
                    if (attempt == OptimisticWrite.MAX_ATTEMPTS) {
                        return Mono.error(new ConcurrentUpdateException(
                                "Another writer kept creating and deleting " + todo.id().value() + " at the same time."));
                    }
                    return insert(todos, todo.continuingAfter(tombstone.version()), attempt + 1);
                });
    }

    private static CreatedTodo answerAgain(CreateTodoCommand command, WriteOutcome outcome) {
        if (outcome instanceof WriteOutcome.Created created) {
            return new CreatedTodo(created.todo(), false);
        }
        throw new IdempotencyKeyReusedException(command.idempotencyKey().orElseThrow());
    }

    private static CreatedTodo replayOf(Todo requested, Todo existing) {
        if (!existing.hasSameContentAs(requested)) {
            throw TodoConflictException.idTaken(existing);
        }
        return new CreatedTodo(existing, true);
    }
}
