package dev.livetodos.application.service;

import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

public final class DeleteTodosService implements DeleteTodosUseCase {

    private final TodoRepository todos;

    public DeleteTodosService(TodoRepository todos) {
        this.todos = todos;
    }

    @Override
    public Mono<List<TodoId>> deleteTodos(DeleteTodosCommand command) {
        return OptimisticWrite.attempt(() -> todos.findAllById(command.ids())
                .collectList()
                .flatMap(existing -> {
                    if (existing.isEmpty()) {
                        return Mono.just(List.<TodoId>of());
                    }
                    Set<TodoId> found = existing.stream().map(Todo::id).collect(Collectors.toSet());
                    List<TodoId> deleted = command.ids().stream().filter(found::contains).toList();
                    return todos.deleteAll(existing).thenReturn(deleted);
                }));
    }
}
