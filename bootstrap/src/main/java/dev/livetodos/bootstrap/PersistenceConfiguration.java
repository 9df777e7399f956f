package dev.livetodos.bootstrap;

import dev.livetodos.bootstrap.local.CommittedTransactions;
import dev.livetodos.adapter.out.dynamodb.DynamoDbLists;
import dev.livetodos.adapter.out.dynamodb.DynamoDbRecordedWrites;
import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoStore;
import dev.livetodos.application.port.out.RecordedWrites;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The DynamoDB clients, built once from the store connection, and the stores on top. Local
 * mode puts a decorator of its own in front of it ({@code LocalLiveChangesConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean(destroyMethod = "close")
    DynamoDbAsyncClient dynamoDbAsyncClient(StoreConnection store, LivetodosProperties properties, MeterRegistry meters) {
        var builder = DynamoDbAsyncClient.builder()
                .credentialsProvider(store.credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(3))
                        .maxConcurrency(200))
                // The SDK's standard strategy: exponential backoff with jitter, throttling-aware.
                .overrideConfiguration(config -> config
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(properties.storeTimeout())
                        .addExecutionInterceptor(StoreConnection.metered(meters)));
        store.endpoint().ifPresent(builder::endpointOverride);
        store.region().ifPresent(builder::region);
        DynamoDbAsyncClient client = builder.build();
        return store.answersTransactionsBeforeCommitting() ? CommittedTransactions.wrap(client) : client;
    }

    @Bean
    DynamoDbEnhancedAsyncClient dynamoDbEnhancedAsyncClient(DynamoDbAsyncClient client) {
        return DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(client).build();
    }

    /**
     * Each todo item keeps the trace context of the write that left it (see {@link TracingConfiguration});
     * whole lists read are held in memory up to {@code livetodos.held-list-todos} todos.
     */
    @Bean
    DynamoDbTodoStore todoStore(DynamoDbAsyncClient client, StoreConnection store, LivetodosProperties properties,
                                TracingConfiguration.CurrentTrace trace) {
        return new DynamoDbTodoStore(client, store.tableName(), properties.tombstoneRetention(),
                Math.max(2, Runtime.getRuntime().availableProcessors()), Clock.systemUTC(), trace::traceparent,
                properties.heldListTodos());
    }

    /** The writes kept under their senders' idempotency keys (the todo store writes them), replays counted. */
    @Bean
    RecordedWrites recordedWrites(DynamoDbAsyncClient client, StoreConnection store, MeterRegistry meters) {
        return new MeteredRecordedWrites(new DynamoDbRecordedWrites(client, store.tableName()), meters);
    }

    @Bean
    DynamoDbLists lists(DynamoDbAsyncClient client, StoreConnection store) {
        return new DynamoDbLists(client, store.tableName());
    }
}
