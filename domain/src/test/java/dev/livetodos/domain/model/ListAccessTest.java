package dev.livetodos.domain.model;

import static dev.livetodos.domain.model.ListAccess.Access.ALLOWED;
import static dev.livetodos.domain.model.ListAccess.Access.FORBIDDEN;
import static dev.livetodos.domain.model.ListAccess.Access.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.domain.model.ListAccess.Access;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListAccessTest {

    private static final ListId LIST = ListId.of("list-1");

    /**
     * The whole table, written out by hand rather than derived from the code under test: one row
     * per operation, one column per caller (owner, editor, viewer, not a member).
     */
    private static final Map<ListOperation, Access[]> TABLE = Map.of(
            ListOperation.READ_LIST, new Access[] {ALLOWED, ALLOWED, ALLOWED, NOT_FOUND},
            ListOperation.READ_TODOS, new Access[] {ALLOWED, ALLOWED, ALLOWED, NOT_FOUND},
            ListOperation.WRITE_TODOS, new Access[] {ALLOWED, ALLOWED, FORBIDDEN, NOT_FOUND},
            ListOperation.RENAME_LIST, new Access[] {ALLOWED, FORBIDDEN, FORBIDDEN, NOT_FOUND},
            ListOperation.DELETE_LIST, new Access[] {ALLOWED, FORBIDDEN, FORBIDDEN, NOT_FOUND},
            ListOperation.LIST_MEMBERS, new Access[] {ALLOWED, ALLOWED, ALLOWED, NOT_FOUND},
            ListOperation.INVITE, new Access[] {ALLOWED, FORBIDDEN, FORBIDDEN, NOT_FOUND},
            ListOperation.LEAVE, new Access[] {FORBIDDEN, ALLOWED, ALLOWED, NOT_FOUND},
            ListOperation.REMOVE_MEMBER, new Access[] {ALLOWED, FORBIDDEN, FORBIDDEN, NOT_FOUND},
            ListOperation.REMOVE_OWNER, new Access[] {FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND});

    private static final Optional<Role>[] CALLERS = callers();

    @SuppressWarnings("unchecked")
    private static Optional<Role>[] callers() {
        return new Optional[] {Optional.of(Role.OWNER), Optional.of(Role.EDITOR), Optional.of(Role.VIEWER), Optional.empty()};
    }

    static Stream<Arguments> everyCallerAndOperation() {
        return Arrays.stream(ListOperation.values()).flatMap(operation -> Stream.of(0, 1, 2, 3)
                .map(column -> Arguments.of(CALLERS[column].map(Role::value).orElse("non-member"), operation,
                        CALLERS[column], TABLE.get(operation)[column])));
    }

    @Test
    void theTableNamesEveryOperation() {
        assertThat(TABLE.keySet()).containsExactlyInAnyOrder(ListOperation.values());
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("everyCallerAndOperation")
    void decidesEveryCallerAndOperationAsTheTableSays(String caller, ListOperation operation, Optional<Role> role, Access expected) {
        Access decided = ListAccess.decide(role, operation);

        assertThat(decided).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("everyCallerAndOperation")
    void requireThrowsWhatTheDecisionMeans(String caller, ListOperation operation, Optional<Role> role, Access expected) {
        switch (expected) {
            case ALLOWED -> assertThat(ListAccess.require(LIST, role, operation)).isEqualTo(role.orElseThrow());
            case NOT_FOUND -> assertThatThrownBy(() -> ListAccess.require(LIST, role, operation))
                    .isInstanceOfSatisfying(ListNotFoundException.class, e -> assertThat(e.listId()).isEqualTo(LIST));
            case FORBIDDEN -> assertThatThrownBy(() -> ListAccess.require(LIST, role, operation))
                    .isInstanceOfSatisfying(ListAccessDeniedException.class, e -> {
                        assertThat(e.operation()).isEqualTo(operation);
                        assertThat(e.getMessage()).isNotBlank().doesNotContain("null");
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("operations")
    void theRolesAllowedToAnOperationAreTheTablesAllowedColumns(ListOperation operation) {
        Set<Role> fromTable = EnumSet.noneOf(Role.class);
        for (int column = 0; column < 3; column++) {
            if (TABLE.get(operation)[column] == ALLOWED) {
                fromTable.add(CALLERS[column].orElseThrow());
            }
        }

        assertThat(ListAccess.rolesAllowedTo(operation)).isEqualTo(fromTable);
    }

    static Stream<ListOperation> operations() {
        return Arrays.stream(ListOperation.values());
    }

    @Test
    void aNonMemberIsNeverToldTheListExists() {
        Set<Access> answers = Arrays.stream(ListOperation.values())
                .map(operation -> ListAccess.decide(Optional.empty(), operation)).collect(Collectors.toSet());

        assertThat(answers).containsExactly(NOT_FOUND);
    }

    @Test
    void anOwnerLeavingIsToldToDeleteTheListInstead() {
        assertThatThrownBy(() -> ListAccess.require(LIST, Optional.of(Role.OWNER), ListOperation.LEAVE))
                .isInstanceOf(ListAccessDeniedException.class)
                .hasMessageContaining("delete it instead");
    }

    @Test
    void aViewerWritingIsToldTheyCanOnlyRead() {
        assertThatThrownBy(() -> ListAccess.require(LIST, Optional.of(Role.VIEWER), ListOperation.WRITE_TODOS))
                .hasMessage("As a viewer of this list you can read its todos but not change them.");
    }

    @Test
    void anEditorRenamingIsToldOnlyTheOwnerMay() {
        assertThatThrownBy(() -> ListAccess.require(LIST, Optional.of(Role.EDITOR), ListOperation.RENAME_LIST))
                .hasMessage("Only the owner of this list can do that; you are an editor.");
    }
}
