package dev.livetodos.bootstrap.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoStore;
import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import dev.livetodos.adapter.in.websocket.TodoWebSocketHandler;
import dev.livetodos.adapter.out.websocket.WebSocketSubscribers;
import dev.livetodos.application.port.in.AnswerPingUseCase;
import dev.livetodos.application.port.in.RedeemTicketUseCase;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.bootstrap.LivetodosProperties;
import dev.livetodos.bootstrap.LocalMode;
import dev.livetodos.bootstrap.StoreConnection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.WriteTimeoutHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * Local mode's live changes: the WebSocket sessions at {@code /ws} are the subscribers, and a
 * poller reads DynamoDB Local's stream into the same stream handler Lambda runs on AWS.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalMode.class)
class LocalLiveChangesConfiguration {

    /**
     * The todo store the use cases get locally: the DynamoDB one, plus a nudge to the stream
     * poller after every write. Primary, so it stands in for the store's own wherever a
     * {@link TodoStore} is wanted.
     */
    @Bean
    @Primary
    TodoStore wakingTodoStore(DynamoDbTodoStore store, ObjectProvider<LocalStreamPoller> poller) {
        return new WakingTodoStore(store, poller);
    }

    /**
     * Its meters: {@code livetodos.subscribers.open} (a gauge), {@code livetodos.subscribers.cutoffs}
     * and {@code livetodos.subscribers.outbox.wait}.
     */
    @Bean
    WebSocketSubscribers webSocketSubscribers(MeterRegistry meters) {
        WebSocketSubscribers subscribers = new WebSocketSubscribers(meters);
        Gauge.builder("livetodos.subscribers.open", subscribers, WebSocketSubscribers::openCount)
                .description("Live connections open and subscribed").register(meters);
        FunctionCounter.builder("livetodos.subscribers.cutoffs", subscribers, WebSocketSubscribers::cutOffs)
                .description("Slow readers cut off: live connections closed with 1013, connections dropped by the write timeout")
                .tag("reason", "buffer-full")
                .register(meters);
        return subscribers;
    }

    /**
     * Closes the WebSocket sessions when the application stops, just before the web server's
     * graceful shutdown (phase DEFAULT - 1024) starts waiting for open requests to finish. A
     * context can be started again after a stop (Spring's test context cache pauses idle ones),
     * and then takes sessions again.
     */
    @Bean
    SmartLifecycle webSocketsGoAwayOnStop(WebSocketSubscribers subscribers) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                subscribers.welcome();
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                subscribers.goAway();
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return SmartLifecycle.DEFAULT_PHASE - 512;
            }
        };
    }

    /** What a retried stream batch owes to which session; the poller retries within this process. */
    @Bean
    InMemoryPendingDeliveries pendingDeliveries() {
        return new InMemoryPendingDeliveries();
    }

    @Bean
    TodoWebSocketHandler todoWebSocketHandler(WebSocketSubscribers subscribers, AnswerPingUseCase answerPing,
                                              RedeemTicketUseCase redeemTicket, Clock clock, LivetodosProperties properties) {
        return new TodoWebSocketHandler(subscribers, answerPing, properties.websocketBufferFrames(),
                properties.websocketLimits(), properties.allowedCallers(), redeemTicket, clock);
    }

    @Bean
    SimpleUrlHandlerMapping todoWebSocketMapping(TodoWebSocketHandler handler) {
        return TodoWebSocketHandler.handlerMapping(handler);
    }

    /**
     * A WebSocket client that stops reading is cut off by its bounded outbound buffer (close code
     * 1013), but the close frame waits behind what it has not read; this also drops the TCP
     * connection once nothing could be written to it for a while.
     */
    @Bean
    NettyServerCustomizer writeTimeout(LivetodosProperties properties, MeterRegistry meters) {
        long millis = properties.websocketWriteTimeout().toMillis();
        AtomicLong timedOut = new AtomicLong();
        FunctionCounter.builder("livetodos.subscribers.cutoffs", timedOut, AtomicLong::get)
                .description("Slow readers cut off: live connections closed with 1013, connections dropped by the write timeout")
                .tag("reason", "write-timeout")
                .register(meters);
        return server -> server.doOnConnection(connection ->
                connection.addHandlerLast(new WriteTimeoutHandler(millis, TimeUnit.MILLISECONDS) {
                    @Override
                    protected void writeTimedOut(ChannelHandlerContext context) throws Exception {
                        timedOut.incrementAndGet();
                        super.writeTimedOut(context);
                    }
                }));
    }

    @Bean(destroyMethod = "close")
    DynamoDbStreamsAsyncClient dynamoDbStreamsAsyncClient(StoreConnection store, MeterRegistry meters) {
        var builder = DynamoDbStreamsAsyncClient.builder().credentialsProvider(store.credentials())
                .overrideConfiguration(config -> config.addExecutionInterceptor(StoreConnection.metered(meters)));
        store.endpoint().ifPresent(builder::endpointOverride);
        store.region().ifPresent(builder::region);
        return builder.build();
    }

    /**
     * The poller resumes after its checkpoint in the data directory (in memory: from the stream's
     * oldest record), holds what it reads after start until a WebSocket client is connected or the
     * replay grace has passed, and creates the table again should it disappear.
     */
    @Bean
    LocalStreamPoller localStreamPoller(DynamoDbAsyncClient dynamoDb, DynamoDbStreamsAsyncClient streams,
                                        Function<DynamodbEvent, StreamsEventResponse> todoStream,
                                        WebSocketSubscribers subscribers,
                                        LivetodosProperties properties) {
        StreamCheckpoints checkpoints = properties.inMemory()
                ? StreamCheckpoints.NONE
                : StreamCheckpoints.inFile(LocalStoreConfiguration.dataDir(properties).resolve(LocalStoreConfiguration.STREAM_CHECKPOINT));
        return new LocalStreamPoller(dynamoDb, streams, LocalStoreConfiguration.TABLE_NAME, todoStream,
                properties.streamPollInterval(), checkpoints,
                () -> Boolean.TRUE.equals(subscribers.all().hasElements().block()),
                properties.streamReplayGrace(),
                () -> DynamoDbTodoTable.createIfMissing(dynamoDb, LocalStoreConfiguration.TABLE_NAME)
                        .block(properties.storeTimeout().multipliedBy(2)));
    }

    /**
     * Readiness, locally: the poller's thread runs and a round read the stream lately (rounds fail
     * while the store is away, so this goes DOWN then too, a little after the store check).
     */
    @Bean
    HealthIndicator streamPollerHealthIndicator(LocalStreamPoller poller) {
        return () -> {
            Duration since = poller.sinceLastRead();
            Health.Builder health = poller.isAlive() && since.compareTo(poller.staleAfter()) <= 0 ? Health.up() : Health.down();
            return health
                    .withDetail("running", poller.isAlive())
                    .withDetail("lastReadSecondsAgo", since.toSeconds())
                    .withDetail("staleAfterSeconds", poller.staleAfter().toSeconds())
                    .build();
        };
    }
}
