package dev.livetodos.adapter.out.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The DynamoDB operations a client sent, once each however often the SDK retried them, so a test
 * can tell one plain call from a transaction.
 */
final class StoreCalls implements ExecutionInterceptor {

    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = name(context.request());
        operations.add(operation);
        requests.add(context.request());
        int now = running.computeIfAbsent(operation, any -> new AtomicInteger()).incrementAndGet();
        mostAtOnce.computeIfAbsent(operation, any -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        running.get(name(context.request())).decrementAndGet();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        running.get(name(context.request())).decrementAndGet();
    }

    private static String name(SdkRequest request) {
        return request.getClass().getSimpleName().replaceFirst("Request$", "");
    }

    /** The most calls of this operation that were under way at the same time. */
    int mostAtOnce(String operation) {
        AtomicInteger most = mostAtOnce.get(operation);
        return most == null ? 0 : most.get();
    }

    /** Operation names in the order they were sent, such as {@code PutItem}. */
    List<String> operations() {
        return List.copyOf(operations);
    }

    /** The requests themselves, in the order they were sent, to look at what one call carried. */
    List<SdkRequest> requests() {
        return List.copyOf(requests);
    }

    void forget() {
        operations.clear();
        requests.clear();
        mostAtOnce.clear();
    }
}
