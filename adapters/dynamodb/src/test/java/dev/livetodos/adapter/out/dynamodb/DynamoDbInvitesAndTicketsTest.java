package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.testsupport.LocalDynamoDb;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.InviteToken;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TicketCode;
import dev.livetodos.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Invites and live tickets against DynamoDB Local, with a clock the tests move on. */
class DynamoDbInvitesAndTicketsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final PersonId ANN = PersonId.of("ann");

    private static final StoreCalls calls = new StoreCalls();

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    private String tableName;
    private MovableClock clock;
    private DynamoDbInvites invites;
    private DynamoDbLiveTickets tickets;

    @BeforeAll
    static void startStore() throws Exception {
        dynamoDb = LocalDynamoDb.start();
        client = dynamoDb.client(calls);
    }

    @AfterAll
    static void stopStore() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @BeforeEach
    void freshTable() {
        tableName = "todos-" + UUID.randomUUID();
        DynamoDbTodoTable.createIfMissing(client, tableName).block(WAIT);
        clock = new MovableClock(NOW);
        invites = new DynamoDbInvites(client, tableName, clock);
        tickets = new DynamoDbLiveTickets(client, tableName, clock);
        calls.forget();
    }

    @Test
    void anInviteReadsBackUntilItExpires() {
        Invite invite = Invite.create(ListId.of("groceries"), Role.EDITOR, NOW);

        StepVerifier.create(invites.create(invite)).verifyComplete();

        StepVerifier.create(invites.find(invite.token())).expectNext(invite).verifyComplete();
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        StepVerifier.create(invites.find(invite.token())).expectNext(invite).verifyComplete();
        clock.advance(Duration.ofSeconds(1));
        StepVerifier.create(invites.find(invite.token())).verifyComplete();
        assertThat(calls.operations()).containsExactly("PutItem", "GetItem", "GetItem", "GetItem");
    }

    @Test
    void anInviteIsStoredUnderItsTokenWithTheTimeToLive() {
        Invite invite = Invite.create(ListId.of("groceries"), Role.VIEWER, NOW);

        invites.create(invite).block(WAIT);

        assertThat(item(Map.of("pk", AttributeValue.fromS("INVITE#" + invite.token().value()), "sk", AttributeValue.fromS("META"))))
                .containsEntry("listId", AttributeValue.fromS("groceries"))
                .containsEntry("role", AttributeValue.fromS("viewer"))
                .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(NOW.plus(Duration.ofDays(7)).getEpochSecond())));
    }

    @Test
    void anUnknownInviteIsNotFound() {
        StepVerifier.create(invites.find(InviteToken.random())).verifyComplete();
    }

    @Test
    void aTicketRedeemsOnceForItsPersonAndTokenExpiry() {
        LiveTicket ticket = LiveTicket.issue(ANN, NOW.plus(Duration.ofMinutes(5)), NOW);
        tickets.issue(ticket).block(WAIT);

        StepVerifier.create(tickets.redeem(ticket.code())).expectNext(ticket).verifyComplete();
        StepVerifier.create(tickets.redeem(ticket.code())).verifyComplete();

        assertThat(calls.operations()).containsExactly("PutItem", "DeleteItem", "DeleteItem");
    }

    @Test
    void ofManyRedeemingOneTicketAtOnceExactlyOneGetsIt() {
        LiveTicket ticket = LiveTicket.issue(ANN, NOW.plus(Duration.ofMinutes(5)), NOW);
        tickets.issue(ticket).block(WAIT);

        List<LiveTicket> redeemed = Flux.range(0, 16)
                .flatMap(i -> tickets.redeem(ticket.code()).subscribeOn(Schedulers.parallel()), 16)
                .collectList().block(WAIT);

        assertThat(redeemed).containsExactly(ticket);
    }

    @Test
    void anExpiredTicketIsRefusedAndUsedUp() {
        LiveTicket ticket = LiveTicket.issue(ANN, NOW.plus(Duration.ofMinutes(5)), NOW);
        tickets.issue(ticket).block(WAIT);
        clock.advance(LiveTicket.LIFETIME);

        StepVerifier.create(tickets.redeem(ticket.code())).verifyComplete();

        clock.advance(Duration.ofSeconds(-30));
        StepVerifier.create(tickets.redeem(ticket.code())).verifyComplete();
    }

    @Test
    void anUnknownTicketIsRefused() {
        StepVerifier.create(tickets.redeem(TicketCode.random())).verifyComplete();
    }

    @Test
    void aTicketIsStoredUnderTheHashOfItsCodeNeverTheCodeItself() {
        LiveTicket ticket = LiveTicket.issue(ANN, NOW.plus(Duration.ofMinutes(5)), NOW);

        tickets.issue(ticket).block(WAIT);

        List<Map<String, AttributeValue>> everything = client.scan(request -> request.tableName(tableName)).join().items();
        assertThat(everything).singleElement().satisfies(item -> {
            assertThat(item.get("pk").s()).startsWith("TICKET#").doesNotContain(ticket.code().value());
            assertThat(item.toString()).doesNotContain(ticket.code().value());
            assertThat(item).containsEntry("personId", AttributeValue.fromS("ann"))
                    .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(NOW.plusSeconds(30).getEpochSecond())));
        });
        assertThat(Optional.ofNullable(item(ListItems.ticketKey(ticket.code())).get("tokenExpiresAt")))
                .contains(AttributeValue.fromN(Long.toString(NOW.plus(Duration.ofMinutes(5)).toEpochMilli())));
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return client.getItem(request -> request.tableName(tableName).key(key).consistentRead(true)).join().item();
    }
}
