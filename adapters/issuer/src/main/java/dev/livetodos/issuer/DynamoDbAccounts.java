package dev.livetodos.issuer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Accounts in the server's own table, beside the todos: the account under {@code USER#<id>} /
 * {@code ACCOUNT} (name, password hash), and its name's claim under {@code NAME#<normalized name>} /
 * {@code ACCOUNT}, pointing at the id. Both are written in one transaction, each only if it does
 * not exist yet, so of two people signing up with one name at once exactly one gets it, and a
 * refused sign-up writes nothing. The stream reader of the API skips these items: they are not
 * under a todo's key.
 */
final class DynamoDbAccounts {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String ACCOUNT = "ACCOUNT";
    private static final String ID = "id";
    private static final String NAME = "name";
    private static final String PASSWORD_HASH = "passwordHash";
    private static final String KIND = "kind";
    private static final String CREATED_AT = "createdAt";

    private final DynamoDbAsyncClient client;
    private final String tableName;
    private final Duration timeout;
    private final Clock clock;

    DynamoDbAccounts(DynamoDbAsyncClient client, String tableName, Duration timeout, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.timeout = timeout;
        this.clock = clock;
    }

    static String userKey(UUID id) {
        return "USER#" + id;
    }

    static String nameKey(String normalizedName) {
        return "NAME#" + normalizedName;
    }

    /** The account of this name (in any spelling that normalizes the same), if there is one. */
    Optional<Account> findByName(String typedName) {
        GetItemResponse claim = await(client.getItem(request -> request.tableName(tableName).consistentRead(true)
                .key(key(nameKey(AccountName.normalize(typedName))))));
        if (!claim.hasItem() || claim.item().get(ID) == null) {
            return Optional.empty();
        }
        UUID id = UUID.fromString(claim.item().get(ID).s());
        GetItemResponse account = await(client.getItem(request -> request.tableName(tableName).consistentRead(true)
                .key(key(userKey(id)))));
        if (!account.hasItem()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = account.item();
        return Optional.of(new Account(id, item.get(NAME).s(), item.get(PASSWORD_HASH).s()));
    }

    /**
     * Creates the account, or fails with {@link NameTakenException} (nothing written) when the
     * name is someone's already.
     */
    Account create(AccountName name, String passwordHash) {
        Account account = new Account(UUID.randomUUID(), name.display(), passwordHash);
        String now = clock.instant().toString();
        Put accountItem = Put.builder().tableName(tableName)
                .item(Map.of(PK, s(userKey(account.id())), SK, s(ACCOUNT), KIND, s("account"), ID, s(account.id().toString()),
                        NAME, s(account.name()), PASSWORD_HASH, s(passwordHash), CREATED_AT, s(now)))
                .conditionExpression("attribute_not_exists(pk)")
                .build();
        Put nameItem = Put.builder().tableName(tableName)
                .item(Map.of(PK, s(nameKey(name.normalized())), SK, s(ACCOUNT), KIND, s("account-name"),
                        ID, s(account.id().toString()), NAME, s(account.name()), CREATED_AT, s(now)))
                .conditionExpression("attribute_not_exists(pk)")
                .build();
        try {
            await(client.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder().put(accountItem).build(),
                    TransactWriteItem.builder().put(nameItem).build())));
        } catch (AccountStoreException e) {
            if (e.getCause() instanceof TransactionCanceledException cancelled && nameWasTaken(cancelled)) {
                throw new NameTakenException(name.display());
            }
            throw e;
        }
        return account;
    }

    private static boolean nameWasTaken(TransactionCanceledException cancelled) {
        // Reasons come in the order of the items: the account's (a fresh random id) and then the name's.
        return cancelled.hasCancellationReasons() && cancelled.cancellationReasons().size() == 2
                && "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(1).code())
                && !"ConditionalCheckFailed".equals(reason(cancelled, 0));
    }

    private static String reason(TransactionCanceledException cancelled, int index) {
        CancellationReason reason = cancelled.cancellationReasons().get(index);
        return reason == null ? null : reason.code();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of(PK, s(pk), SK, s(ACCOUNT));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AccountStoreException(e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new AccountStoreException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountStoreException(e);
        }
    }

    /** The store did not answer, or answered with a failure: nobody's mistake but the store's. */
    static final class AccountStoreException extends RuntimeException {

        AccountStoreException(Throwable cause) {
            super("the account store failed: " + cause, cause);
        }
    }
}
