package dev.livetodos.bootstrap;

import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * What readiness asks besides the application's own state: whether the todo table answers
 * ({@code store}), and locally whether the stream poller reads ({@code LocalLiveChangesConfiguration}).
 * The groups are set in {@code application.properties}; on Lambda the Web Adapter polls
 * {@code /actuator/health/readiness} before it sends the first request.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    /** Shorter than the SDK's own timeout with retries: a health check that hangs helps no one. */
    static final Duration STORE_CHECK_TIMEOUT = Duration.ofSeconds(2);

    /** The details say only what failed, never the SDK's message (it names hosts and classes). */
    @Bean
    ReactiveHealthIndicator storeHealthIndicator(DynamoDbAsyncClient dynamoDb, StoreConnection store) {
        return () -> DynamoDbTodoTable.answers(dynamoDb, store.tableName())
                .timeout(STORE_CHECK_TIMEOUT)
                .then(Mono.fromSupplier(() -> Health.up().build()))
                .onErrorResume(error -> Mono.just(Health.down()
                        .withDetail("error", error instanceof TimeoutException
                                ? "The todo table did not answer within " + STORE_CHECK_TIMEOUT.toSeconds() + " s"
                                : "The todo table could not be read")
                        .build()));
    }
}
