package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.LiveTicket;
import reactor.core.publisher.Mono;

/**
 * Uses a ticket up: emits it (whose connection it is, and when their token expires) when it was
 * issued, is unused and unexpired; otherwise emits nothing and the connection is refused.
 */
public interface RedeemTicketUseCase {

    Mono<LiveTicket> redeemTicket(RedeemTicketCommand command);
}
