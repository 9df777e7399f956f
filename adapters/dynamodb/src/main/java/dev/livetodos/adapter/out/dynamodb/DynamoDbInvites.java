package dev.livetodos.adapter.out.dynamodb;

import static dev.livetodos.adapter.out.dynamodb.ListItems.PK;

import dev.livetodos.application.port.out.Invites;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.InviteToken;
import java.time.Clock;
import java.util.Map;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Invites in the todo table: {@code INVITE#<token>} / {@code META}, removed by time to live on
 * {@code expiresAt}. DynamoDB may take up to a few days to remove an expired item, so a read
 * checks the expiry against the clock itself.
 */
public final class DynamoDbInvites implements Invites {

    private final DynamoDbAsyncClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoDbInvites(DynamoDbAsyncClient client, String tableName, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
    }

    /** One conditional PutItem: a token is never reused (256 random bits make that a formality). */
    @Override
    public Mono<Void> create(Invite invite) {
        return Mono.fromFuture(() -> client.putItem(request -> request.tableName(tableName).item(ListItems.invite(invite))
                        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))))
                .then()
                .onErrorMap(StoreErrors::unwrap)
                .onErrorMap(ConditionalCheckFailedException.class, taken -> new ConcurrentUpdateException("The invite token is taken."))
                .onErrorMap(StoreErrors::translate);
    }

    /** One GetItem. */
    @Override
    public Mono<Invite> find(InviteToken token) {
        return Mono.fromFuture(() -> client.getItem(request -> request.tableName(tableName).key(ListItems.inviteKey(token)).consistentRead(true)))
                .filter(GetItemResponse::hasItem)
                .map(response -> ListItems.toInvite(token, response.item()))
                .filter(invite -> !invite.isExpiredAt(clock.instant()))
                .onErrorMap(StoreErrors::translate);
    }
}
