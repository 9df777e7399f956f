package dev.livetodos.bootstrap.local;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * A DynamoDB client for DynamoDB Local that answers a transaction only once it is committed.
 *
 * <p>DynamoDB Local 3.3.1 answers {@code TransactWriteItems} before its commit has run: it hands
 * the commit to its one SQLite worker queue and does not wait for it (single writes it does wait
 * for). A process killed in between loses a write it acknowledged; the crash test caught it. The
 * worker takes its jobs in order, so any read sent after the transaction runs after the commit:
 * this client sends one consistent GetItem of a key nothing uses when the transaction has
 * answered, and hands the answer on when that read is done. On AWS there is no such gap and this
 * client is not used.
 */
public final class CommittedTransactions implements InvocationHandler {

    /** A key no item has: the read only waits its turn. */
    static final Map<String, AttributeValue> NO_ITEM = Map.of(
            "pk", AttributeValue.fromS("COMMIT-BARRIER"), "sk", AttributeValue.fromS("COMMIT-BARRIER"));

    private final DynamoDbAsyncClient client;

    private CommittedTransactions(DynamoDbAsyncClient client) {
        this.client = client;
    }

    public static DynamoDbAsyncClient wrap(DynamoDbAsyncClient client) {
        return (DynamoDbAsyncClient) Proxy.newProxyInstance(DynamoDbAsyncClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbAsyncClient.class}, new CommittedTransactions(client));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("transactWriteItems") && args != null && args.length == 1) {
            TransactWriteItemsRequest request = args[0] instanceof TransactWriteItemsRequest given ? given
                    : TransactWriteItemsRequest.builder().applyMutation((Consumer<TransactWriteItemsRequest.Builder>) args[0]).build();
            return committed(request);
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "CommittedTransactions(" + client + ")";
            };
        }
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private CompletableFuture<TransactWriteItemsResponse> committed(TransactWriteItemsRequest request) {
        String table = request.transactItems().isEmpty() ? null : tableOf(request);
        CompletableFuture<TransactWriteItemsResponse> answered = client.transactWriteItems(request);
        if (table == null) {
            return answered;
        }
        return answered.thenCompose(response -> client.getItem(get -> get.tableName(table).key(NO_ITEM).consistentRead(true))
                .handle((read, failed) -> response));
    }

    private static String tableOf(TransactWriteItemsRequest request) {
        var item = request.transactItems().get(0);
        if (item.put() != null) {
            return item.put().tableName();
        }
        if (item.update() != null) {
            return item.update().tableName();
        }
        if (item.delete() != null) {
            return item.delete().tableName();
        }
        return item.conditionCheck() == null ? null : item.conditionCheck().tableName();
    }
}
