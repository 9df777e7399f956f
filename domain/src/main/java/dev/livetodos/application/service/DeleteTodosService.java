package dev.livetodos.application.service;

import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

public final class DeleteTodosService implements DeleteTodosUseCase {

    private final TodoStore store;
    private final TodoAccess access;

    public DeleteTodosService(TodoStore store, Lists lists) {
        this.store = store;
        this.access = new TodoAccess(lists);
    }

    @Override
    public Mono<List<TodoId>> deleteTodos(DeleteTodosCommand command) {
        TodoRepository todos = store.of(command.list(), command.caller());
        if (command.ids().size() == 1) {
            return deleteOne(command, todos, command.ids().get(0));
        }
        return deleteTogether(command, todos, command.ids());
    }

    /**
     * A delete expects no version and ignores absent ids, so one todo needs no read first: the
     * store's answer says whether it was there. Tried again, like the other writes, when the
     * store reports another writer in the way.
     */
    private Mono<List<TodoId>> deleteOne(DeleteTodosCommand command, TodoRepository todos, TodoId id) {
        return OptimisticWrite.attempt(() -> access.write(command.list(), command.caller(), todos.removeIfPresent(id)
                .map(removed -> List.of(id))
                .defaultIfEmpty(List.of())));
    }

    /** Several are read first so that they go together, each only as it was read. */
    private Mono<List<TodoId>> deleteTogether(DeleteTodosCommand command, TodoRepository todos, List<TodoId> ids) {
        // Which of them existed is only told to those who may write.
        return OptimisticWrite.attempt(() -> access.checked(command.list(), command.caller(), ListOperation.WRITE_TODOS,
                todos.findAllById(ids)
                        .collectList()
                        .flatMap(existing -> {
                            if (existing.isEmpty()) {
                                return Mono.just(List.<TodoId>of());
                            }
                            Set<TodoId> found = existing.stream().map(Todo::id).collect(Collectors.toSet());
                            List<TodoId> deleted = ids.stream().filter(found::contains).toList();
                            return todos.deleteAll(existing).thenReturn(deleted);
                        })));
    }
}
