package dev.livetodos.adapter.in.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.in.GetTodoUseCase;
import dev.livetodos.application.port.in.ListChangesUseCase;
import dev.livetodos.application.port.in.ListTodosUseCase;
import dev.livetodos.application.port.in.UpdateTodosUseCase;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/**
 * The todo HTTP API of a list, under {@code /api/lists/{listId}/todos}: version 1's contract
 * (bodies, batches, problem details), about the list the {@link TodoScope.Resolver} names. Errors are not answered here: they travel to
 * {@link ProblemDetailsExceptionHandler}, which writes them as problem details.
 */
public final class TodoHttpRoutes {

    private static final String TODOS = ListPaths.TODOS;
    private static final String TODO = ListPaths.TODO;
    private static final String CHANGES = ListPaths.CHANGES;

    private final TodoHandler handler;

    /**
     * @param scopes which list each request is about and who asks
     */
    public TodoHttpRoutes(ListTodosUseCase listTodos, GetTodoUseCase getTodo, CreateTodoUseCase createTodo,
            UpdateTodosUseCase updateTodos, DeleteTodosUseCase deleteTodos, ListChangesUseCase listChanges,
            TodoScope.Resolver scopes, Clock clock) {
        this.handler = new TodoHandler(listTodos, getTodo, createTodo, updateTodos, deleteTodos, listChanges, scopes, clock);
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(TODOS, handler::list)
                .POST(TODOS, handler::create)
                .PUT(TODOS, handler::update)
                .DELETE(TODOS, handler::delete)
                .GET(TODO, handler::get)
                .GET(CHANGES, handler::changes)
                // A known path with another method is 405, not the 404 of an unmatched route.
                .route(path(TODOS), onlyAllows(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
                .route(path(TODO), onlyAllows(HttpMethod.GET))
                .route(path(CHANGES), onlyAllows(HttpMethod.GET))
                .build();
    }

    private static HandlerFunction<ServerResponse> onlyAllows(HttpMethod... methods) {
        List<HttpMethod> allowed = List.of(methods);
        return request -> Mono.error(new MethodNotAllowedException(request.method(), allowed));
    }
}
