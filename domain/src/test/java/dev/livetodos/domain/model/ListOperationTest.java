package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListOperationTest {

    private static final PersonId ANN = PersonId.of("ann");
    private static final PersonId BOB = PersonId.of("bob");

    @Test
    void removingOneselfIsLeavingWhateverTheRole() {
        assertThat(ListOperation.removing(ANN, ANN, Optional.of(Role.OWNER))).isEqualTo(ListOperation.LEAVE);
        assertThat(ListOperation.removing(ANN, ANN, Optional.of(Role.VIEWER))).isEqualTo(ListOperation.LEAVE);
        assertThat(ListOperation.removing(ANN, ANN, Optional.empty())).isEqualTo(ListOperation.LEAVE);
    }

    @Test
    void removingTheOwnerIsItsOwnOperation() {
        assertThat(ListOperation.removing(BOB, ANN, Optional.of(Role.OWNER))).isEqualTo(ListOperation.REMOVE_OWNER);
    }

    @Test
    void removingAnyoneElseIsRemovingAMember() {
        assertThat(ListOperation.removing(ANN, BOB, Optional.of(Role.EDITOR))).isEqualTo(ListOperation.REMOVE_MEMBER);
        assertThat(ListOperation.removing(ANN, BOB, Optional.of(Role.VIEWER))).isEqualTo(ListOperation.REMOVE_MEMBER);
        assertThat(ListOperation.removing(ANN, BOB, Optional.empty())).isEqualTo(ListOperation.REMOVE_MEMBER);
    }
}
