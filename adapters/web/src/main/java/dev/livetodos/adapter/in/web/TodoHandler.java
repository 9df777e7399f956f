package dev.livetodos.adapter.in.web;

import dev.livetodos.adapter.wire.ChangeJson;
import dev.livetodos.adapter.wire.Cursors;
import dev.livetodos.adapter.wire.TodoJson;
import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.in.GetTodoCommand;
import dev.livetodos.application.port.in.GetTodoUseCase;
import dev.livetodos.application.port.in.ListChangesCommand;
import dev.livetodos.application.port.in.ListChangesUseCase;
import dev.livetodos.application.port.in.ListTodosCommand;
import dev.livetodos.application.port.in.ListTodosUseCase;
import dev.livetodos.application.port.in.TodoUpdate;
import dev.livetodos.application.port.in.UpdateTodosCommand;
import dev.livetodos.application.port.in.UpdateTodosUseCase;
import dev.livetodos.domain.model.ChangeCursor;
import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.Violations;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
    /** The request header a client names a write with, to send it again safely. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ListChangesUseCase listChanges;
    private final TodoScope.Resolver scopes;
    private final Clock clock;

    TodoHandler(ListTodosUseCase listTodos, GetTodoUseCase getTodo, CreateTodoUseCase createTodo,
            UpdateTodosUseCase updateTodos, DeleteTodosUseCase deleteTodos, ListChangesUseCase listChanges,
            TodoScope.Resolver scopes, Clock clock) {
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.listChanges = Objects.requireNonNull(listChanges, "listChanges");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listTodos = Objects.requireNonNull(listTodos, "listTodos");
        this.getTodo = Objects.requireNonNull(getTodo, "getTodo");
        this.createTodo = Objects.requireNonNull(createTodo, "createTodo");
        this.updateTodos = Objects.requireNonNull(updateTodos, "updateTodos");
        this.deleteTodos = Objects.requireNonNull(deleteTodos, "deleteTodos");
    }

    /**
     * The whole list, with the cursor for what it holds in {@link ListPaths#CURSOR_HEADER} and the
     * list's {@code seq} as its {@code ETag}. With {@code If-None-Match} naming that tag (the list
     * unchanged since), 304 from the list's {@code seq} alone, no todo read; a caller who may not
     * see the list gets the same 404 either way.
     */
    Mono<ServerResponse> list(ServerRequest request) {
        List<ETag> unlessOneOf = ifNoneMatch(request);
        return scopes.apply(request).flatMap(scope -> {
            ListTodosCommand command = new ListTodosCommand(scope.list(), scope.caller());
            if (unlessOneOf.isEmpty()) {
                return whole(command);
            }
            return listTodos.listSeq(command).flatMap(seq -> unlessOneOf.stream().anyMatch(tag -> tag.isWildcard() || tag.compare(tagOf(seq), false))
                    ? ServerResponse.status(HttpStatus.NOT_MODIFIED).eTag(tagOf(seq).formattedTag())
                            .header(ListPaths.CURSOR_HEADER, cursorAt(seq)).build()
                    : whole(command));
        });
    }

    private Mono<ServerResponse> whole(ListTodosCommand command) {
        return listTodos.listTodos(command)
                .flatMap(read -> JsonResponses.respond(ServerResponse.ok().eTag(tagOf(read.seq()).formattedTag())
                                .header(ListPaths.CURSOR_HEADER, cursorAt(read.seq())),
                        read.todos().stream().map(TodoJson::of).toList()));
    }

    private String cursorAt(long seq) {
        return Cursors.encode(new ChangeCursor(seq, clock.instant()));
    }

    /** A list's tag: its {@code seq}, which every write to it moves on. */
    private static ETag tagOf(long seq) {
        return ETag.create(Long.toString(seq));
    }

    /** The tags in {@code If-None-Match}; none when it is absent or cannot be read (then the whole list is sent). */
    private static List<ETag> ifNoneMatch(ServerRequest request) {
        List<ETag> tags = new ArrayList<>();
        for (String header : request.headers().header(HttpHeaders.IF_NONE_MATCH)) {
            tags.addAll(ETag.parse(header));
        }
        return tags;
    }

    /** {@code GET …/changes?after=<cursor>}: one page of the change feed. */
    Mono<ServerResponse> changes(ServerRequest request) {
        return Mono.fromCallable(() -> cursor(request))
                .zipWith(scopes.apply(request), (after, scope) -> new ListChangesCommand(scope.list(), scope.caller(), after))
                .flatMap(listChanges::listChanges)
                .flatMap(page -> JsonResponses.respond(ServerResponse.ok(), new ChangesPageJson(
                        page.changes().stream().map(ChangeJson::of).toList(), Cursors.encode(page.cursor()), page.more())));
    }

    private static ChangeCursor cursor(ServerRequest request) {
        List<String> after = request.queryParams().getOrDefault("after", List.of());
        Violations violations = new Violations();
        if (after.isEmpty() || after.get(0).isEmpty()) {
            violations.add("after", "is required: the cursor of the last read");
        } else if (after.size() > 1) {
            violations.add("after", "is given more than once");
        }
        violations.throwIfAny();
        return Cursors.decode(after.get(0)).orElseThrow(() -> {
            Violations unreadable = new Violations();
            unreadable.add("after", "is not a cursor this server gave; read the whole list for one");
            unreadable.throwIfAny();
            return new IllegalStateException("unreachable");
        });
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
                    return createTodo.createTodo(CreateTodoCommand.of(scope.list(), scope.caller(), body.id(), body.name(), body.status())
                                    .withIdempotencyKey(idempotencyKey(request)))
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
                .map(command -> command.withIdempotencyKey(idempotencyKey(request)))
                .flatMap(updateTodos::updateTodos)
                .flatMap(todos -> JsonResponses.respond(ServerResponse.ok(), todos.stream().map(TodoJson::of).toList()));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        return JsonBodies.readList(request, String.class)
                .zipWith(scopes.apply(request), (ids, scope) -> DeleteTodosCommand.of(scope.list(), scope.caller(), ids)
                        .withIdempotencyKey(idempotencyKey(request)))
                .flatMap(deleteTodos::deleteTodos)
                .flatMap(deleted -> JsonResponses.respond(ServerResponse.ok(),
                        new DeletedTodosJson(deleted.ids().stream().map(TodoId::value).toList(), deleted.seq())));
    }

    /**
     * The write's {@code Idempotency-Key}, if it has one: a write sent again under the same key
     * is answered as the first one was and applies nothing twice.
     */
    private static Optional<IdempotencyKey> idempotencyKey(ServerRequest request) {
        List<String> keys = request.headers().header(IDEMPOTENCY_KEY);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        if (keys.size() > 1) {
            throw InvalidTodoException.of(IDEMPOTENCY_KEY, "is given more than once");
        }
        return Optional.of(new IdempotencyKey(keys.get(0)));
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
