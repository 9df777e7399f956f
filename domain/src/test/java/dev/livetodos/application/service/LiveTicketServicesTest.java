package dev.livetodos.application.service;

import static dev.livetodos.application.service.ListFixtures.ANN;
import static dev.livetodos.application.service.ListFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.IssueTicketCommand;
import dev.livetodos.application.port.in.RedeemTicketCommand;
import dev.livetodos.domain.model.LiveTicket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class LiveTicketServicesTest {

    private static final Instant TOKEN_EXPIRY = NOW.plus(Duration.ofHours(1));

    @Test
    void anIssuedTicketIsStoredAndRedeemsOnceForItsPerson() {
        InMemoryListStore store = new InMemoryListStore(ListFixtures.CLOCK);
        LiveTicket ticket = new IssueTicketService(store, ListFixtures.CLOCK)
                .issueTicket(new IssueTicketCommand(ANN.id(), TOKEN_EXPIRY)).block();
        RedeemTicketService redeem = new RedeemTicketService(store);

        StepVerifier.create(redeem.redeemTicket(new RedeemTicketCommand(ticket.code().value()))).expectNext(ticket).verifyComplete();
        StepVerifier.create(redeem.redeemTicket(new RedeemTicketCommand(ticket.code().value()))).verifyComplete();

        assertThat(ticket.person()).isEqualTo(ANN.id());
        assertThat(ticket.tokenExpiresAt()).isEqualTo(TOKEN_EXPIRY);
        assertThat(ticket.expiresAt()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void anExpiredTicketIsRefused() {
        Clock later = Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC);
        InMemoryListStore store = new InMemoryListStore(later);
        LiveTicket ticket = new IssueTicketService(store, ListFixtures.CLOCK)
                .issueTicket(new IssueTicketCommand(ANN.id(), TOKEN_EXPIRY)).block();

        StepVerifier.create(new RedeemTicketService(store).redeemTicket(new RedeemTicketCommand(ticket.code().value())))
                .verifyComplete();
    }

    @Test
    void textThatCannotBeATicketIsRefusedWithoutAskingTheStore() {
        dev.livetodos.application.port.out.LiveTickets store = new dev.livetodos.application.port.out.LiveTickets() {
            @Override
            public reactor.core.publisher.Mono<Void> issue(LiveTicket ticket) {
                throw new AssertionError("the store was asked");
            }

            @Override
            public reactor.core.publisher.Mono<LiveTicket> redeem(dev.livetodos.domain.model.TicketCode code) {
                throw new AssertionError("the store was asked");
            }
        };

        StepVerifier.create(new RedeemTicketService(store).redeemTicket(new RedeemTicketCommand("forged"))).verifyComplete();
    }
}
