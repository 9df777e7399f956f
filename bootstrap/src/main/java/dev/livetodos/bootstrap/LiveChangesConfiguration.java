package dev.livetodos.bootstrap;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.livetodos.adapter.in.dynamodb.TodoStreamHandler;
import dev.livetodos.adapter.wire.JsonChangeFrames;
import dev.livetodos.application.port.in.AnswerPingUseCase;
import dev.livetodos.application.port.in.PublishTodoChangesUseCase;
import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.application.port.out.PendingDeliveries;
import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.application.service.PingService;
import dev.livetodos.application.service.PublishTodoChangesService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Changes out of the table's stream, to the connections of the people on each changed list
 * (read from the table per batch, the same way on both hosts): the same stream handler whether the
 * local poller or Lambda's event source mapping calls it. The subscribers come from the host:
 * WebSocket sessions locally, API Gateway connections on AWS; so does where a retry's owed
 * deliveries are written down: in memory locally, in the connections table on AWS. Both hosts
 * write the same frames, under API Gateway's frame limit.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalMode.LiveChanges.class)
class LiveChangesConfiguration {

    /** Each changes frame carries the id of the fan-out's trace, for the page's console. */
    @Bean
    ChangeFrames changeFrames(TracingConfiguration.CurrentTrace trace) {
        return new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES, Clock.systemUTC(), trace::traceId);
    }

    @Bean
    PublishTodoChangesUseCase publishTodoChangesUseCase(Subscribers subscribers, Members members, ChangeFrames frames,
                                                        PendingDeliveries pending, LivetodosProperties properties) {
        return new PublishTodoChangesService(subscribers, members, frames, pending, properties.publishConcurrency(),
                properties.publishMaxFailedAttempts());
    }

    /** A subscriber's ping, answered through the host's own connection to it. */
    @Bean
    AnswerPingUseCase answerPingUseCase(Subscribers subscribers, ChangeFrames frames) {
        return new PingService(subscribers, frames);
    }

    /** The stream function; on Lambda it is chosen with {@code spring_cloud_function_definition=todoStream}. */
    @Bean
    Function<DynamodbEvent, StreamsEventResponse> todoStream(PublishTodoChangesUseCase publish, LivetodosProperties properties,
                                                             MeterRegistry meters, Clock clock, ObservationRegistry observations,
                                                             TracingConfiguration.SpanFlush spanFlush) {
        return spanFlush.after(new TodoStreamHandler(publish, properties.storeTimeout().multipliedBy(6), meters, clock, observations));
    }
}
