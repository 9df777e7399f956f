package dev.livetodos.application.service;

import dev.livetodos.application.port.in.IssueTicketCommand;
import dev.livetodos.application.port.in.IssueTicketUseCase;
import dev.livetodos.application.port.out.LiveTickets;
import dev.livetodos.domain.model.LiveTicket;
import java.time.Clock;
import reactor.core.publisher.Mono;

public final class IssueTicketService implements IssueTicketUseCase {

    private final LiveTickets tickets;
    private final Clock clock;

    public IssueTicketService(LiveTickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @Override
    public Mono<LiveTicket> issueTicket(IssueTicketCommand command) {
        return Mono.defer(() -> {
            LiveTicket ticket = LiveTicket.issue(command.person(), command.tokenExpiresAt(), clock.instant());
            return tickets.issue(ticket).thenReturn(ticket);
        });
    }
}
