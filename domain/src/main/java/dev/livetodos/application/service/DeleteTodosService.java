package dev.livetodos.application.service;

import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.in.DeletedTodos;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.RecordedWrites;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.domain.model.IdempotencyKeyReusedException;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.WriteOutcome;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

public final class DeleteTodosService implements DeleteTodosUseCase {

    private final TodoStore store;
    private final TodoAccess access;

    private final IdempotentWrite idempotent;

    public DeleteTodosService(TodoStore store, Lists lists, RecordedWrites recorded) {
        this.store = store;
        this.access = new TodoAccess(lists);
        this.idempotent = new IdempotentWrite(recorded, access);
    }

    @Override
    public Mono<DeletedTodos> deleteTodos(DeleteTodosCommand command) {
        return OptimisticWrite.attempt(() -> idempotent.run(command.list(), command.caller(), command.idempotencyKey(),
                command.fingerprint(), outcome -> answerAgain(command, outcome), record -> {
                    TodoRepository todos = store.of(command.list(), command.caller(), record);
                    return command.ids().size() == 1
                            ? deleteOne(command, todos, command.ids().get(0))
                            : deleteTogether(command, todos, command.ids());
                }));
    }

    private static DeletedTodos answerAgain(DeleteTodosCommand command, WriteOutcome outcome) {
        if (outcome instanceof WriteOutcome.Deleted deleted) {
            return new DeletedTodos(deleted.ids(), deleted.seq());
        }
        throw new IdempotencyKeyReusedException(command.idempotencyKey().orElseThrow());
    }

    /**
     * A delete expects no version and ignores absent ids, so one todo needs no read first: the
     * store's answer says whether it was there. Tried again, like the other writes, when the
     * store reports another writer in the way.
     */
    private Mono<DeletedTodos> deleteOne(DeleteTodosCommand command, TodoRepository todos, TodoId id) {
        return access.write(command.list(), command.caller(), todos.removeIfPresent(id)
                .map(seq -> new DeletedTodos(List.of(id), seq))
                .switchIfEmpty(nothingDeleted(command, todos)));
    }

    /** Nothing was there: the answer still tells the list's {@code seq}, to members only. */
    private Mono<DeletedTodos> nothingDeleted(DeleteTodosCommand command, TodoRepository todos) {
        return Mono.defer(() -> access.checked(command.list(), command.caller(), ListOperation.WRITE_TODOS,
                todos.seq().map(seq -> new DeletedTodos(List.of(), seq))));
    }

    /** Several are read first so that they go together, each only as it was read. */
    private Mono<DeletedTodos> deleteTogether(DeleteTodosCommand command, TodoRepository todos, List<TodoId> ids) {
        // Which of them existed is only told to those who may write.
        return access.checked(command.list(), command.caller(), ListOperation.WRITE_TODOS,
                todos.findAllById(ids)
                        .collectList()
                        .flatMap(existing -> {
                            if (existing.isEmpty()) {
                                return todos.seq().map(seq -> new DeletedTodos(List.of(), seq));
                            }
                            Set<TodoId> found = existing.stream().map(Todo::id).collect(Collectors.toSet());
                            List<TodoId> deleted = ids.stream().filter(found::contains).toList();
                            return todos.deleteAll(existing).map(seq -> new DeletedTodos(deleted, seq));
                        }));
    }
}
