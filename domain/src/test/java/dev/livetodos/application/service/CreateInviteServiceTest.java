package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.BOB;
import static dev.livetodos.application.service.ListFixtures.CLOCK;
import static dev.livetodos.application.service.ListFixtures.DAN;
import static dev.livetodos.application.service.ListFixtures.LIST;
import static dev.livetodos.application.service.ListFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.application.port.in.CreateInviteCommand;
import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListNotFoundException;
import dev.livetodos.domain.model.Role;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

class CreateInviteServiceTest {

    private final InMemoryListStore store = ListFixtures.sharedGroceries();
    private final CreateInviteService service = new CreateInviteService(store, store, CLOCK);

    @Test
    void givenTheOwner_thenStoresAnInviteGoodForSevenDays() {
        StepVerifier.create(service.createInvite(CreateInviteCommand.of(LIST, "editor", ANN.id())))
                .assertNext(invite -> {
                    assertThat(invite.listId()).isEqualTo(LIST);
                    assertThat(invite.role()).isEqualTo(Role.EDITOR);
                    assertThat(invite.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
                    assertThat(store.invites()).containsExactly(invite);
                })
                .verifyComplete();
    }

    @Test
    void givenAnEditor_thenForbiddenAndNothingIsWritten() {
        StepVerifier.create(service.createInvite(CreateInviteCommand.of(LIST, "viewer", BOB.id())))
                .verifyError(ListAccessDeniedException.class);

        assertThat(store.invites()).isEmpty();
    }

    @Test
    void givenANonMember_thenNotFound() {
        StepVerifier.create(service.createInvite(CreateInviteCommand.of(LIST, "viewer", DAN.id())))
                .verifyError(ListNotFoundException.class);

        assertThat(store.invites()).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"owner", "admin", ""})
    void aCommandTakesOnlyEditorOrViewer(String role) {
        assertThatThrownBy(() -> CreateInviteCommand.of(LIST, role, ANN.id()))
                .isInstanceOfSatisfying(InvalidTodoException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("role")));
    }
}
