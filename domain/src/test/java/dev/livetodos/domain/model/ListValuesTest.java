package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The values lists, members, invites and tickets are made of. */
class ListValuesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.250Z");
    private static final ListId LIST = ListId.of("list-1");
    private static final PersonId ANN = PersonId.of("ann");

    @ParameterizedTest
    @ValueSource(strings = {"3f2b8c1e-6a4d-4e2f-9b7a-0c1d2e3f4a5b", "auth0|5f7c8ec7c33c6c004bbafe82",
            "google-oauth2|104928375", "ann@example.com", "a", "x.y_z~1:2+3=4"})
    void personIdTakesTheSubjectsIssuersWrite(String sub) {
        assertThat(PersonId.of(sub).value()).isEqualTo(sub);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a#b", "a/b", "ä", "id\n", "LIST#x"})
    void personIdRejectsWhatIsUnsafeInAKeyOrAPath(String sub) {
        assertThatThrownBy(() -> PersonId.of(sub)).isInstanceOf(InvalidTodoException.class);
    }

    @Test
    void personIdIsBounded() {
        assertThat(PersonId.of("a".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> PersonId.of("a".repeat(256))).isInstanceOf(InvalidTodoException.class);
        assertThatThrownBy(() -> PersonId.of(null)).isInstanceOf(InvalidTodoException.class);
    }

    @Test
    void personFromATokenTrimsTheNameAndShowsTheIdWhenThereIsNone() {
        assertThat(Person.of(ANN, "  Ann Smith ").name()).isEqualTo("Ann Smith");
        assertThat(Person.of(ANN, " ").name()).isEqualTo("ann");
        assertThat(Person.of(ANN, null).name()).isEqualTo("ann");
    }

    @Test
    void personFromATokenCutsALongNameWithoutSplittingACharacter() {
        String name = "😀".repeat(300);

        Person person = Person.of(ANN, name);

        assertThat(person.name().codePointCount(0, person.name().length())).isEqualTo(Person.MAX_NAME_LENGTH);
        assertThat(person.name()).isEqualTo("😀".repeat(Person.MAX_NAME_LENGTH));
    }

    @Test
    void personRejectsABlankOrUntrimmedName() {
        assertThatThrownBy(() -> new Person(ANN, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Person(ANN, " Ann")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roleReadsItsLowerCaseNameAndRejectsOthers() {
        assertThat(Role.of("owner")).isEqualTo(Role.OWNER);
        assertThat(Role.of("editor")).isEqualTo(Role.EDITOR);
        assertThat(Role.of("viewer")).isEqualTo(Role.VIEWER);
        assertThatThrownBy(() -> Role.of("admin")).isInstanceOf(InvalidTodoException.class);
        assertThatThrownBy(() -> Role.of("OWNER")).isInstanceOf(InvalidTodoException.class);
        assertThatThrownBy(() -> Role.of(null)).isInstanceOf(InvalidTodoException.class);
    }

    @Test
    void theHigherOfTwoRolesIsTheOneThatMayDoMore() {
        assertThat(Role.VIEWER.higherOf(Role.EDITOR)).isEqualTo(Role.EDITOR);
        assertThat(Role.EDITOR.higherOf(Role.VIEWER)).isEqualTo(Role.EDITOR);
        assertThat(Role.OWNER.higherOf(Role.EDITOR)).isEqualTo(Role.OWNER);
        assertThat(Role.VIEWER.higherOf(Role.VIEWER)).isEqualTo(Role.VIEWER);
    }

    @Test
    void aNewListIsAtVersionOneAndSeqZeroAndARenameMovesItsVersionOn() {
        TodoList list = TodoList.create(LIST, "  Groceries ", ANN);

        TodoList renamed = list.renamed("Shopping");

        assertThat(list).isEqualTo(new TodoList(LIST, "Groceries", ANN, 1, 0));
        assertThat(renamed).isEqualTo(new TodoList(LIST, "Shopping", ANN, 2, 0));
    }

    @Test
    void aListNameFollowsTheTodoNameRules() {
        assertThatThrownBy(() -> TodoList.create(LIST, " ", ANN)).isInstanceOf(InvalidTodoException.class);
        assertThatThrownBy(() -> TodoList.create(LIST, "a".repeat(501), ANN)).isInstanceOf(InvalidTodoException.class);
        assertThatThrownBy(() -> new TodoList(LIST, "x", ANN, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TodoList(LIST, "x", ANN, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aListWithTheSameIdNameAndOwnerHasTheSameContent() {
        TodoList list = TodoList.create(LIST, "Groceries", ANN);

        assertThat(list.hasSameContentAs(list.renamed("Groceries"))).isTrue();
        assertThat(list.hasSameContentAs(list.renamed("Other"))).isFalse();
        assertThat(list.hasSameContentAs(TodoList.create(LIST, "Groceries", PersonId.of("bob")))).isFalse();
    }

    @Test
    void anInviteExpiresSevenDaysLaterToTheSecond() {
        Invite invite = Invite.create(LIST, Role.EDITOR, NOW);

        assertThat(invite.expiresAt()).isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));
        assertThat(invite.isExpiredAt(invite.expiresAt().minusMillis(1))).isFalse();
        assertThat(invite.isExpiredAt(invite.expiresAt())).isTrue();
    }

    @Test
    void anInviteNeverMakesAnOwner() {
        assertThatThrownBy(() -> Invite.create(LIST, Role.OWNER, NOW))
                .isInstanceOfSatisfying(InvalidTodoException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("role"));
    }

    @Test
    void secretsAreUrlSafeCarry256BitsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String token = InviteToken.random().value();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            seen.add(token);
            seen.add(TicketCode.random().value());
        }

        assertThat(seen).hasSize(2_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "has space in it, a long one", "ÄÖÜäöüÄÖÜäöüÄÖÜäöüÄÖÜäöü", "a/b/c/d/e/f/g/h/i/j/k/l"})
    void textThatCannotBeASecretParsesAsNone(String text) {
        assertThat(InviteToken.parse(text)).isEmpty();
        assertThat(TicketCode.parse(text)).isEmpty();
    }

    @Test
    void secretsAreNeverPrinted() {
        InviteToken token = InviteToken.random();
        TicketCode code = TicketCode.random();

        assertThat(token.toString()).doesNotContain(token.value());
        assertThat(code.toString()).doesNotContain(code.value());
        assertThat(Invite.create(LIST, Role.VIEWER, NOW).toString()).doesNotContain("=" + token.value());
    }

    @Test
    void aTicketWorksForThirtySecondsToTheSecond() {
        Instant tokenExpiry = NOW.plus(Duration.ofHours(1));

        LiveTicket ticket = LiveTicket.issue(ANN, tokenExpiry, NOW);

        assertThat(ticket.expiresAt()).isEqualTo(Instant.parse("2026-12-01T10:00:30Z"));
        assertThat(ticket.tokenExpiresAt()).isEqualTo(tokenExpiry);
        assertThat(ticket.isExpiredAt(Instant.parse("2026-12-01T10:00:29.999Z"))).isFalse();
        assertThat(ticket.isExpiredAt(Instant.parse("2026-12-01T10:00:30Z"))).isTrue();
    }

    @Test
    void aTicketNeverOutlivesItsToken() {
        Instant tokenExpiry = NOW.plusSeconds(10);

        LiveTicket ticket = LiveTicket.issue(ANN, tokenExpiry, NOW);

        assertThat(ticket.expiresAt()).isEqualTo(Instant.parse("2026-12-01T10:00:10Z")).isBefore(tokenExpiry);
        assertThat(ticket.tokenExpiresAt()).isEqualTo(tokenExpiry);
    }

    @Test
    void aTokenThatHasJustExpiredEarnsATicketNobodyCanRedeem() {
        LiveTicket ticket = LiveTicket.issue(ANN, NOW.minusSeconds(1), NOW);

        assertThat(ticket.isExpiredAt(NOW)).isTrue();
    }

    @Test
    void aMemberNameFollowsTheDisplayNameRules() {
        assertThat(Member.of(LIST, Person.of(ANN, "Ann"), Role.EDITOR).withRole(Role.VIEWER))
                .isEqualTo(new Member(LIST, ANN, "Ann", Role.VIEWER));
        assertThatThrownBy(() -> new Member(LIST, ANN, " ", Role.VIEWER)).isInstanceOf(IllegalArgumentException.class);
    }
}
