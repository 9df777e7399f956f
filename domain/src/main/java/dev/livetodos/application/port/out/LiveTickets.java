package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.TicketCode;
import reactor.core.publisher.Mono;

/** Tickets issued for live connections, each good for one connection. */
public interface LiveTickets {

    Mono<Void> issue(LiveTicket ticket);

    /**
     * Uses the ticket up and emits it, if it was issued, has not been used and has not expired;
     * otherwise emits nothing. Of several redeeming the same ticket at once, exactly one gets it.
     */
    Mono<LiveTicket> redeem(TicketCode code);
}
