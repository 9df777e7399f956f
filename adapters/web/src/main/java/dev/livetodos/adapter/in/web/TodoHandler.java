package dev.livetodos.adapter.in.web;

import dev.livetodos.adapter.wire.TodoJson;
import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.in.GetTodoCommand;
import dev.livetodos.application.port.in.GetTodoUseCase;
import dev.livetodos.application.port.in.ListTodosCommand;
import dev.livetodos.application.port.in.ListTodosUseCase;
import dev.livetodos.application.port.in.TodoUpdate;
import dev.livetodos.application.port.in.UpdateTodosCommand;
import dev.livetodos.application.port.in.UpdateTodosUseCase;
import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.Violations;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Turns HTTP requests into use-case commands and their results into JSON answers. */
final class TodoHandler {

    private final ListTodosUseCase listTodos;
    private final GetTodoUseCase getTodo;
    private final CreateTodoUseCase createTodo;
    private final UpdateTodosUseCase updateTodos;
    private final DeleteTodosUseCase deleteTodos;
    private final TodoScope.Resolver scopes;

    TodoHandler(ListTodosUseCase listTodos, GetTodoUseCase getTodo, CreateTodoUseCase createTodo,
            UpdateTodosUseCase updateTodos, DeleteTodosUseCase deleteTodos, TodoScope.Resolver scopes) {
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.listTodos = Objects.requireNonNull(listTodos, "listTodos");
        this.getTodo = Objects.requireNonNull(getTodo, "getTodo");
        this.createTodo = Objects.requireNonNull(createTodo, "createTodo");
        this.updateTodos = Objects.requireNonNull(updateTodos, "updateTodos");
        this.deleteTodos = Objects.requireNonNull(deleteTodos, "deleteTodos");
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return scopes.apply(request)
                .flatMapMany(scope -> listTodos.listTodos(new ListTodosCommand(scope.list(), scope.caller())))
                .map(TodoJson::of)
                .collectList()
                .flatMap(todos -> JsonResponses.respond(ServerResponse.ok(), todos));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return Mono.fromCallable(() -> todoId(request.pathVariable("id")))
                .zipWith(scopes.apply(request), (id, scope) -> new GetTodoCommand(scope.list(), scope.caller(), id))
                .flatMap(getTodo::getTodo)
                .flatMap(todo -> JsonResponses.respond(ServerResponse.ok(), TodoJson.of(todo)));
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return JsonBodies.read(request, CreateTodoRequest.class)
                .zipWith(scopes.apply(request))
                .flatMap(asked -> {
                    TodoScope scope = asked.getT2();
                    CreateTodoRequest body = asked.getT1();
                    return createTodo.createTodo(CreateTodoCommand.of(scope.list(), scope.caller(), body.id(), body.name(), body.status()))
                            .flatMap(created -> {
                                TodoJson todo = TodoJson.of(created.todo());
                                return JsonResponses.respond(created.replayed()
                                        ? ServerResponse.ok()
                                        : ServerResponse.created(URI.create(ListPaths.todo(scope.list(), todo.id()))), todo);
                            });
                });
    }

    Mono<ServerResponse> update(ServerRequest request) {
        return JsonBodies.readList(request, UpdateTodoRequest.class)
                .zipWith(scopes.apply(request), TodoHandler::updateCommand)
                .flatMap(updateTodos::updateTodos)
                .flatMap(todos -> JsonResponses.respond(ServerResponse.ok(), todos.stream().map(TodoJson::of).toList()));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        return JsonBodies.readList(request, String.class)
                .zipWith(scopes.apply(request), (ids, scope) -> DeleteTodosCommand.of(scope.list(), scope.caller(), ids))
                .flatMap(deleteTodos::deleteTodos)
                .flatMap(ids -> JsonResponses.respond(ServerResponse.ok(),
                        new DeletedTodosJson(ids.stream().map(TodoId::value).toList())));
    }

    private static TodoId todoId(String raw) {
        try {
            return TodoId.of(raw);
        } catch (InvalidTodoException e) {
            throw RequestProblem.noSuchTodo();
        }
    }

    private static UpdateTodosCommand updateCommand(List<UpdateTodoRequest> entries, TodoScope scope) {
        Violations violations = new Violations();
        List<TodoUpdate> updates = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String at = "[" + i + "]";
            UpdateTodoRequest entry = entries.get(i);
            if (entry == null) {
                violations.add(at, "is required");
            } else if (entry.changes() == null) {
                violations.add(at + ".changes", "is required");
                violations.check(at + ".id", () -> TodoId.of(entry.id()));
            } else {
                updates.add(violations.check(at, () -> TodoUpdate.of(
                        entry.id(), entry.changes().name(), entry.changes().status(), entry.version())));
            }
        }
        violations.throwIfAny();
        return new UpdateTodosCommand(scope.list(), scope.caller(), updates);
    }
}
