package dev.livetodos.application.service;

import dev.livetodos.application.port.in.ListTodosUseCase;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.domain.model.Todo;
import reactor.core.publisher.Flux;

public final class ListTodosService implements ListTodosUseCase {

    private final TodoRepository todos;

    public ListTodosService(TodoRepository todos) {
        this.todos = todos;
    }

    @Override
    public Flux<Todo> listTodos() {
        return todos.findAll().sort(Todo.OLDEST_FIRST);
    }
}
