package dev.livetodos.application.service;

import dev.livetodos.application.port.in.GetTodoCommand;
import dev.livetodos.application.port.in.GetTodoUseCase;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoNotFoundException;
import java.util.List;
import reactor.core.publisher.Mono;

/** One todo, read beside the caller's membership; whether it exists is told only to members. */
public final class GetTodoService implements GetTodoUseCase {

    private final TodoStore store;
    private final TodoAccess access;

    public GetTodoService(TodoStore store, Lists lists) {
        this.store = store;
        this.access = new TodoAccess(lists);
    }

    @Override
    public Mono<Todo> getTodo(GetTodoCommand command) {
        return access.checked(command.list(), command.caller(), ListOperation.READ_TODOS,
                store.of(command.list(), command.caller()).findById(command.id())
                        .switchIfEmpty(Mono.error(() -> new TodoNotFoundException(List.of(command.id())))));
    }
}
