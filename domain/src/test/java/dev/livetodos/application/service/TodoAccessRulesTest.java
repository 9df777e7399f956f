package dev.livetodos.application.service;

import static dev.livetodos.application.service.InMemoryTodoStore.EDITOR;
import static dev.livetodos.application.service.InMemoryTodoStore.LIST;
import static dev.livetodos.application.service.InMemoryTodoStore.OWNER;
import static dev.livetodos.application.service.InMemoryTodoStore.STRANGER;
import static dev.livetodos.application.service.InMemoryTodoStore.VIEWER;
import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreateTodoCommand;
import dev.livetodos.application.port.in.DeleteTodosCommand;
import dev.livetodos.application.port.in.GetTodoCommand;
import dev.livetodos.application.port.in.ListTodosCommand;
import dev.livetodos.application.port.in.TodoUpdate;
import dev.livetodos.application.port.in.UpdateTodosCommand;
import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChanges;
import dev.livetodos.domain.model.TodoId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Who may read and write a list's todos, through the services, from the outside: every role and a
 * stranger against every todo operation, and the answers that must not tell a stranger anything.
 */
class TodoAccessRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Todo MILK = aTodo().withId("milk").withName("Buy milk").withVersion(3).build();

    private final InMemoryTodoRepository todos = InMemoryTodoRepository.holding(MILK);
    private final InMemoryTodoStore store = InMemoryTodoStore.sharedList(todos);

    /** Each operation, as the person would ask for it. */
    private final Map<String, BiFunction<PersonId, TodoId, Publisher<?>>> operations = Map.of(
            "list", (caller, id) -> new ListTodosService(store, store.lists()).listTodos(new ListTodosCommand(LIST, caller)),
            "get", (caller, id) -> new GetTodoService(store, store.lists()).getTodo(new GetTodoCommand(LIST, caller, id)),
            "create", (caller, id) -> new CreateTodoService(store, store.lists(), store.recordedWrites(), CLOCK, () -> TodoId.of("new"))
                    .createTodo(CreateTodoCommand.of(LIST, caller, null, "Bread", null)),
            "update", (caller, id) -> new UpdateTodosService(store, store.lists(), store.recordedWrites(), CLOCK).updateTodos(new UpdateTodosCommand(
                    LIST, caller, List.of(new TodoUpdate(id, TodoChanges.of(null, "completed"), OptionalLong.empty())))),
            "delete one", (caller, id) -> new DeleteTodosService(store, store.lists(), store.recordedWrites())
                    .deleteTodos(new DeleteTodosCommand(LIST, caller, List.of(id))),
            "delete several", (caller, id) -> new DeleteTodosService(store, store.lists(), store.recordedWrites())
                    .deleteTodos(new DeleteTodosCommand(LIST, caller, List.of(id, TodoId.of("other")))));

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("owner", OWNER, "list", "allowed"), Arguments.of("owner", OWNER, "get", "allowed"),
                Arguments.of("owner", OWNER, "create", "allowed"), Arguments.of("owner", OWNER, "update", "allowed"),
                Arguments.of("owner", OWNER, "delete one", "allowed"), Arguments.of("owner", OWNER, "delete several", "allowed"),
                Arguments.of("editor", EDITOR, "list", "allowed"), Arguments.of("editor", EDITOR, "get", "allowed"),
                Arguments.of("editor", EDITOR, "create", "allowed"), Arguments.of("editor", EDITOR, "update", "allowed"),
                Arguments.of("editor", EDITOR, "delete one", "allowed"), Arguments.of("editor", EDITOR, "delete several", "allowed"),
                Arguments.of("viewer", VIEWER, "list", "allowed"), Arguments.of("viewer", VIEWER, "get", "allowed"),
                Arguments.of("viewer", VIEWER, "create", "forbidden"), Arguments.of("viewer", VIEWER, "update", "forbidden"),
                Arguments.of("viewer", VIEWER, "delete one", "forbidden"), Arguments.of("viewer", VIEWER, "delete several", "forbidden"),
                Arguments.of("stranger", STRANGER, "list", "not found"), Arguments.of("stranger", STRANGER, "get", "not found"),
                Arguments.of("stranger", STRANGER, "create", "not found"), Arguments.of("stranger", STRANGER, "update", "not found"),
                Arguments.of("stranger", STRANGER, "delete one", "not found"),
                Arguments.of("stranger", STRANGER, "delete several", "not found"));
    }

    @ParameterizedTest(name = "{0} {2} -> {3}")
    @MethodSource("rules")
    void givenARole_thenEachOperationIsAllowedOrRefusedAndARefusalWritesNothing(String who, PersonId caller, String operation,
                                                                               String expected) {
        List<Todo> before = todos.contents();

        StepVerifier.FirstStep<?> result = StepVerifier.create(operations.get(operation).apply(caller, MILK.id()));

        switch (expected) {
            case "allowed" -> result.thenConsumeWhile(any -> true).verifyComplete();
            case "forbidden" -> result.verifyError(ListAccessDeniedException.class);
            default -> result.verifyError(ListNotFoundException.class);
        }
        if (!expected.equals("allowed")) {
            assertThat(todos.contents()).isEqualTo(before);
        }
    }

    @Test
    void givenAStranger_thenAMissingTodoOrAStaleVersionIsNotRevealed() {
        UpdateTodosService service = new UpdateTodosService(store, store.lists(), store.recordedWrites(), CLOCK);
        TodoUpdate missing = new TodoUpdate(TodoId.of("nope"), TodoChanges.of(null, "completed"), OptionalLong.empty());
        TodoUpdate stale = new TodoUpdate(MILK.id(), TodoChanges.of("Oat milk", null), OptionalLong.of(1));

        StepVerifier.create(service.updateTodos(new UpdateTodosCommand(LIST, STRANGER, List.of(missing))))
                .verifyError(ListNotFoundException.class);
        StepVerifier.create(service.updateTodos(new UpdateTodosCommand(LIST, STRANGER, List.of(stale))))
                .verifyError(ListNotFoundException.class);
        StepVerifier.create(new GetTodoService(store, store.lists()).getTodo(new GetTodoCommand(LIST, STRANGER, TodoId.of("nope"))))
                .verifyError(ListNotFoundException.class);
    }

    @Test
    void givenAListThatDoesNotExist_thenItIsNotFoundForAnyone() {
        ListId elsewhere = ListId.of("elsewhere");

        StepVerifier.create(new ListTodosService(store, store.lists()).listTodos(new ListTodosCommand(elsewhere, OWNER)))
                .verifyError(ListNotFoundException.class);
        StepVerifier.create(new CreateTodoService(store, store.lists(), store.recordedWrites(), CLOCK, () -> TodoId.of("new"))
                        .createTodo(CreateTodoCommand.of(elsewhere, OWNER, null, "Bread", null)))
                .verifyError(ListNotFoundException.class);
        assertThat(store.todosOf(elsewhere).contents()).isEmpty();
    }

    @Test
    void givenAnEditorRemovedJustBeforeTheWrite_thenTheWriteIsRefusedAsNotFoundAndNothingIsWritten() {
        store.beforeNextWrite(() -> store.removeMember(LIST, EDITOR));
        UpdateTodosService service = new UpdateTodosService(store, store.lists(), store.recordedWrites(), CLOCK);

        Mono<List<Todo>> result = service.updateTodos(new UpdateTodosCommand(LIST, EDITOR,
                List.of(new TodoUpdate(MILK.id(), TodoChanges.of(null, "completed"), OptionalLong.empty()))));

        StepVerifier.create(result).verifyError(ListNotFoundException.class);
        assertThat(todos.get(MILK.id())).isEqualTo(MILK);
    }

    @Test
    void givenAnEditorMadeViewerJustBeforeTheCreate_thenItIsForbiddenAndNothingIsWritten() {
        store.beforeNextWrite(() -> store.member(LIST, EDITOR, Role.VIEWER));
        CreateTodoService service = new CreateTodoService(store, store.lists(), store.recordedWrites(), CLOCK, () -> TodoId.of("new"));

        StepVerifier.create(service.createTodo(CreateTodoCommand.of(LIST, EDITOR, null, "Bread", null)))
                .verifyError(ListAccessDeniedException.class);
        assertThat(todos.get(TodoId.of("new"))).isNull();
    }

    @Test
    void givenAnEditor_thenACreateOrASingleDeleteNeedsNoMembershipRead() {
        CreateTodoService create = new CreateTodoService(store, store.lists(), store.recordedWrites(), CLOCK, () -> TodoId.of("new"));
        DeleteTodosService delete = new DeleteTodosService(store, store.lists(), store.recordedWrites());

        StepVerifier.create(create.createTodo(CreateTodoCommand.of(LIST, EDITOR, null, "Bread", null))).expectNextCount(1).verifyComplete();
        StepVerifier.create(delete.deleteTodos(new DeleteTodosCommand(LIST, EDITOR, List.of(MILK.id())))).expectNextCount(1).verifyComplete();

        assertThat(store.membershipReads()).isZero();
    }

    @Test
    void givenAnotherListsMember_thenTheyCannotReachThisListsTodos() {
        ListId theirs = ListId.of("theirs");
        PersonId other = PersonId.of("other");
        store.member(theirs, other, Role.OWNER);

        StepVerifier.create(new GetTodoService(store, store.lists()).getTodo(new GetTodoCommand(LIST, other, MILK.id())))
                .verifyError(ListNotFoundException.class);
        StepVerifier.create(new DeleteTodosService(store, store.lists(), store.recordedWrites()).deleteTodos(new DeleteTodosCommand(LIST, other, List.of(MILK.id()))))
                .verifyError(ListNotFoundException.class);
        assertThat(todos.get(MILK.id())).isEqualTo(MILK);
    }
}
