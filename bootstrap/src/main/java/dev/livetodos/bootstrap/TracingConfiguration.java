package dev.livetodos.bootstrap;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.livetodos.adapter.in.dynamodb.TodoStreamHandler;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Traces (Micrometer Tracing with the OpenTelemetry bridge, set up by Spring Boot): one trace
 * follows a change from the HTTP write through the store, where each todo item keeps the write's
 * W3C trace context, to the stream record that continues it and the fan-out to the subscribers.
 * Spans leave the process only once {@code management.opentelemetry.tracing.export.otlp.endpoint}
 * is set; the ids are in every log line regardless.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TracingConfiguration.class);

    /** How long a Lambda invocation waits, at its end, for its spans to leave. */
    static final Duration FLUSH_DEADLINE = Duration.ofSeconds(2);

    /**
     * The trace under way: its context as the todo store keeps it on each item (the current
     * span's {@code traceparent}), and its id as the frames of a fan-out carry it; none outside a trace.
     */
    @Bean
    CurrentTrace currentTrace(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        // OpenTelemetry finds its context storage with a ServiceLoader lookup (jar reads) when it is
        // first used: here, at start, rather than on the event loop of the first request.
        io.opentelemetry.context.Context.current();
        Tracer tracer = tracers.getIfAvailable();
        Propagator propagator = propagators.getIfAvailable();
        if (tracer == null || propagator == null) {
            return CurrentTrace.NONE;
        }
        return () -> {
            TraceContext context = tracer.currentTraceContext().context();
            if (context == null) {
                return Optional.empty();
            }
            Map<String, String> carrier = new HashMap<>(4);
            propagator.inject(context, carrier, Map::put);
            return Optional.ofNullable(carrier.get(TodoStreamHandler.TRACEPARENT));
        };
    }

    /** The trace under way on this thread (not a {@code Supplier}: Spring Cloud Function would take one for a function). */
    @FunctionalInterface
    interface CurrentTrace {

        CurrentTrace NONE = Optional::empty;

        /** The W3C {@code traceparent}: {@code 00-<trace id>-<span id>-<flags>}. */
        Optional<String> traceparent();

        /** The trace id (32 hex digits), the second field of the {@code traceparent}. */
        default Optional<String> traceId() {
            return traceparent().map(traceparent -> traceparent.split("-", 3)[1]);
        }
    }

    /**
     * The stream handler's observations are there for their spans: their timers would only
     * repeat {@code livetodos.stream.lag} and {@code livetodos.fanout.duration}.
     */
    @Bean
    MeterFilter spansOnlyObservations() {
        return MeterFilter.denyNameStartsWith("livetodos.trace.");
    }

    /**
     * On Lambda an environment is frozen between invocations, and what the batch span processor
     * still holds would wait there (or be lost with it): each stream batch hands its spans over
     * before the function returns.
     */
    @Bean
    @Conditional(LocalMode.Off.class)
    SpanFlush spanFlushOnLambda(ObjectProvider<SdkTracerProvider> tracerProviders) {
        return () -> {
            SdkTracerProvider provider = tracerProviders.getIfAvailable();
            if (provider != null && !provider.forceFlush().join(FLUSH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).isSuccess()) {
                log.warn("The stream batch's spans did not leave within {}", FLUSH_DEADLINE);
            }
        };
    }

    /** Locally the batch span processor sends spans in its own time. */
    @Bean
    @Conditional(LocalMode.class)
    SpanFlush noSpanFlush() {
        return SpanFlush.NONE;
    }

    /** Hands the spans ended so far to the exporter, where the host would otherwise keep them too long. */
    @FunctionalInterface
    interface SpanFlush {

        SpanFlush NONE = () -> { };

        void flush();

        /** The function, then a flush however it ended. */
        default Function<DynamodbEvent, StreamsEventResponse> after(Function<DynamodbEvent, StreamsEventResponse> function) {
            if (this == NONE) {
                return function;
            }
            return event -> {
                try {
                    return function.apply(event);
                } finally {
                    flush();
                }
            };
        }
    }
}
