package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.LiveTicket;
import reactor.core.publisher.Mono;

/** Issues a single-use ticket for one live connection, good for 30 seconds. */
public interface IssueTicketUseCase {

    Mono<LiveTicket> issueTicket(IssueTicketCommand command);
}
