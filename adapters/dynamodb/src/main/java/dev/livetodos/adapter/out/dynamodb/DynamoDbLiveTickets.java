package dev.livetodos.adapter.out.dynamodb;

import static dev.livetodos.adapter.out.dynamodb.ListItems.PK;

import dev.livetodos.application.port.out.LiveTickets;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.TicketCode;
import java.time.Clock;
import java.util.Map;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Live tickets in the todo table, under the hash of their code (see {@link ListItems} for why),
 * removed by time to live on {@code expiresAt}. Redeeming is one conditional DeleteItem that
 * hands back what it deleted: DynamoDB applies writes to one item one after another, so of
 * several redeeming the same ticket at once exactly one finds it there; the others' condition
 * fails and they get nothing. An expired ticket is used up too and refused.
 */
public final class DynamoDbLiveTickets implements LiveTickets {

    private final DynamoDbAsyncClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoDbLiveTickets(DynamoDbAsyncClient client, String tableName, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
    }

    /** One conditional PutItem. */
    @Override
    public Mono<Void> issue(LiveTicket ticket) {
        return Mono.fromFuture(() -> client.putItem(request -> request.tableName(tableName).item(ListItems.ticket(ticket))
                        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))))
                .then()
                .onErrorMap(StoreErrors::unwrap)
                .onErrorMap(ConditionalCheckFailedException.class, taken -> new ConcurrentUpdateException("The ticket code is taken."))
                .onErrorMap(StoreErrors::translate);
    }

    /** One conditional DeleteItem. */
    @Override
    public Mono<LiveTicket> redeem(TicketCode code) {
        return Mono.fromFuture(() -> client.deleteItem(request -> request.tableName(tableName).key(ListItems.ticketKey(code))
                        .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))
                        .returnValues(ReturnValue.ALL_OLD)))
                .map(response -> ListItems.toTicket(code, response.attributes()))
                .filter(ticket -> !ticket.isExpiredAt(clock.instant()))
                .onErrorMap(StoreErrors::unwrap)
                .onErrorResume(ConditionalCheckFailedException.class, usedOrUnknown -> Mono.empty())
                .onErrorMap(StoreErrors::translate);
    }
}
