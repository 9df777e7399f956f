package dev.livetodos.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * Where the todo table is and how to reach it; made by local mode or from AWS settings.
 *
 * @param description what the startup line says about where data lives
 * @param answersTransactionsBeforeCommitting whether the store may answer a transaction before it
 *                                            is durable (DynamoDB Local; see {@code CommittedTransactions})
 */
public record StoreConnection(String tableName, Optional<URI> endpoint, Optional<Region> region,
                              AwsCredentialsProvider credentials, String description,
                              boolean answersTransactionsBeforeCommitting) {

    /** What times a client's calls to the store as {@code livetodos.store.calls} (see {@link StoreCallMetrics}). */
    public static ExecutionInterceptor metered(MeterRegistry meters) {
        return new StoreCallMetrics(meters);
    }
}
