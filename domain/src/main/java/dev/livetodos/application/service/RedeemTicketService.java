package dev.livetodos.application.service;

import dev.livetodos.application.port.in.RedeemTicketCommand;
import dev.livetodos.application.port.in.RedeemTicketUseCase;
import dev.livetodos.application.port.out.LiveTickets;
import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.TicketCode;
import reactor.core.publisher.Mono;

/** Text that cannot be a ticket is refused without asking the store. */
public final class RedeemTicketService implements RedeemTicketUseCase {

    private final LiveTickets tickets;

    public RedeemTicketService(LiveTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Mono<LiveTicket> redeemTicket(RedeemTicketCommand command) {
        return Mono.justOrEmpty(TicketCode.parse(command.ticket())).flatMap(tickets::redeem);
    }
}
