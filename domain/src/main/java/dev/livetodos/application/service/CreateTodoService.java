package dev.livetodos.application.service;

import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.CreatedTodo;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoConflictException;
import dev.livetodos.domain.model.TodoId;
import java.time.Clock;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

public final class CreateTodoService implements CreateTodoUseCase {

    private final TodoRepository todos;
    private final Clock clock;
    private final Supplier<TodoId> newIds;

    public CreateTodoService(TodoRepository todos, Clock clock, Supplier<TodoId> newIds) {
        this.todos = todos;
        this.clock = clock;
        this.newIds = newIds;
    }

    @Override
    public Mono<CreatedTodo> createTodo(CreateTodoCommand command) {
        return Mono.defer(() -> {
            Todo todo = Todo.create(command.id().orElseGet(newIds), command.name(), command.status(), clock.instant());
            return todos.insertIfAbsent(todo)
                    .map(existing -> replayOf(todo, existing))
                    .defaultIfEmpty(new CreatedTodo(todo, false));
        });
    }

    private static CreatedTodo replayOf(Todo requested, Todo existing) {
        if (!existing.hasSameContentAs(requested)) {
            throw TodoConflictException.idTaken(existing);
        }
        return new CreatedTodo(existing, true);
    }
}
