package dev.livetodos.application.service;

import dev.livetodos.application.port.in.GetTodoUseCase;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoNotFoundException;
import java.util.List;
import reactor.core.publisher.Mono;

public final class GetTodoService implements GetTodoUseCase {

    private final TodoRepository todos;

    public GetTodoService(TodoRepository todos) {
        this.todos = todos;
    }

    @Override
    public Mono<Todo> getTodo(TodoId id) {
        return todos.findById(id).switchIfEmpty(Mono.error(() -> new TodoNotFoundException(List.of(id))));
    }
}
