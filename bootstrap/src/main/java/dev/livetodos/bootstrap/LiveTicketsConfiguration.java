package dev.livetodos.bootstrap;

import dev.livetodos.adapter.out.dynamodb.DynamoDbLiveTickets;
import dev.livetodos.application.port.in.IssueTicketUseCase;
import dev.livetodos.application.port.in.RedeemTicketUseCase;
import dev.livetodos.application.port.out.LiveTickets;
import dev.livetodos.application.service.IssueTicketService;
import dev.livetodos.application.service.RedeemTicketService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Live tickets, on both hosts: the signed-in HTTP API issues them ({@code POST /api/live/tickets}),
 * and whatever opens a live connection redeems them (the {@code $connect} authorizer on AWS,
 * the {@code /ws} handshake locally). They live in the todo table, so the HTTP function and the
 * authorizer need nothing but that table.
 */
@Configuration(proxyBeanMethods = false)
class LiveTicketsConfiguration {

    @Bean
    DynamoDbLiveTickets liveTickets(DynamoDbAsyncClient client, StoreConnection store, Clock clock) {
        return new DynamoDbLiveTickets(client, store.tableName(), clock);
    }

    @Bean
    IssueTicketUseCase issueTicketUseCase(LiveTickets tickets, Clock clock) {
        return new IssueTicketService(tickets, clock);
    }

    @Bean
    RedeemTicketUseCase redeemTicketUseCase(LiveTickets tickets) {
        return new RedeemTicketService(tickets);
    }
}
