package dev.livetodos.application.service;

import dev.livetodos.application.port.in.ListTodosCommand;
import dev.livetodos.application.port.in.ListTodosUseCase;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.application.port.out.TodosAt;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.Todo;
import reactor.core.publisher.Mono;

/** The list's todos, read beside the caller's membership and shown only to its members. */
public final class ListTodosService implements ListTodosUseCase {

    private final TodoStore store;
    private final TodoAccess access;

    public ListTodosService(TodoStore store, Lists lists) {
        this.store = store;
        this.access = new TodoAccess(lists);
    }

    @Override
    public Mono<TodosAt> listTodos(ListTodosCommand command) {
        return access.checked(command.list(), command.caller(), ListOperation.READ_TODOS,
                store.of(command.list(), command.caller()).readAll()
                        .map(read -> new TodosAt(read.seq(), read.todos().stream().sorted(Todo.OLDEST_FIRST).toList())));
    }

    /** The list's {@code seq} alone (its META item), beside the caller's membership: no todo is read. */
    @Override
    public Mono<Long> listSeq(ListTodosCommand command) {
        return access.checked(command.list(), command.caller(), ListOperation.READ_TODOS,
                store.of(command.list(), command.caller()).seq());
    }
}
