package dev.livetodos.adapter.out.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The DynamoDB operations a client sent, once each however often the SDK retried them, so a test
 * can tell one plain call from a transaction.
 */
final class StoreCalls implements ExecutionInterceptor {

    private final List<String> operations = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(context.request().getClass().getSimpleName().replaceFirst("Request$", ""));
    }

    /** Operation names in the order they were sent, such as {@code PutItem}. */
    List<String> operations() {
        return List.copyOf(operations);
    }

    void forget() {
        operations.clear();
    }
}
