package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace follows a change, end to end on the local server with its real store and stream
 * poller: the HTTP write (its server span), the stream record the write left (a consumer span
 * continuing the write's trace from the trace context the item keeps), and the fan-out to the
 * subscribers (under the record's span), whose frames carry the trace id. Spans are kept in
 * memory instead of exported.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livetodos.in-memory=true", "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=50ms"})
@AutoConfigureTracing
@Import(TracingTest.SpansInMemory.class)
class TracingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration(proxyBeanMethods = false)
    static class SpansInMemory {

        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    private InMemorySpanExporter spans;

    @Autowired
    private Environment environment;

    @BeforeEach
    void forgetEarlierSpans() {
        spans.reset();
    }

    @Test
    void aWriteItsStreamRecordAndItsFanOutAreOneTrace() {
        SignedIn person = SignedIn.newPerson(environment);
        try (LiveClient live = person.connectedLive()) {
            String id = UUID.randomUUID().toString();
            person.createTodo(person.listId(), id, "Traced");
            live.awaitChanges(LiveClient.containsChange("upsert", id, 1), PATIENCE);

            SpanData write = await("the write's server span").atMost(PATIENCE).until(() -> span(SpanKind.SERVER, "http post /api/lists/{listId}/todos"),
                    found -> found != null);
            String trace = write.getTraceId();
            SpanData record = await("the stream record's span, in the write's trace").atMost(PATIENCE).until(() -> inTrace(trace, SpanKind.CONSUMER, "stream record INSERT"),
                    found -> found != null);
            SpanData fanOut = await("the fan-out's span, in the write's trace").atMost(PATIENCE).until(() -> inTrace(trace, SpanKind.INTERNAL, "fan-out"), found -> found != null);

            // The record's span is a child of a span of the write (the store call's), the fan-out's of the record's.
            Set<String> writeSpans = spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(trace)
                    && !span.getSpanId().equals(record.getSpanId()) && !span.getSpanId().equals(fanOut.getSpanId()))
                    .map(SpanData::getSpanId).collect(Collectors.toSet());
            assertThat(writeSpans).contains(record.getParentSpanId());
            assertThat(fanOut.getParentSpanId()).isEqualTo(record.getSpanId());
            assertThat(record.getStartEpochNanos()).isGreaterThanOrEqualTo(write.getStartEpochNanos());
            // The frame names the trace, for the page's console.
            String frame = live.frames().stream().filter(text -> text.contains(id)).findFirst().orElseThrow();
            assertThat(JSON.readTree(frame).path("trace").asString()).isEqualTo(trace);
        }
    }

    /**
     * Writes to one list from one process take turns in the store; each still carries its own
     * trace to its item and on to its stream record, whichever request's thread runs it.
     */
    @Test
    void concurrentWritesToOneListEachKeepTheirOwnTrace() {
        SignedIn person = SignedIn.newPerson(environment);
        List<String> traces = IntStream.range(0, 8).mapToObj(i -> randomHex(16)).toList();
        List<String> ids = traces.stream().map(trace -> UUID.randomUUID().toString()).toList();

        try (LiveClient live = person.connectedLive()) {
            Flux.range(0, traces.size())
                    .flatMap(i -> Mono.fromRunnable(() -> person.http().post().uri(person.todos())
                            // The caller's own trace, as a traced client would send it.
                            .header("traceparent", "00-" + traces.get(i) + "-" + randomHex(8) + "-01")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue("{\"id\":\"" + ids.get(i) + "\",\"name\":\"Concurrent " + i + "\"}")
                            .exchange().expectStatus().isCreated()).subscribeOn(Schedulers.boundedElastic()), traces.size())
                    .blockLast(PATIENCE);
            live.awaitChanges(received -> ids.stream().allMatch(id -> LiveClient.containsChange("upsert", id, 1).test(received)), PATIENCE);

            for (String trace : traces) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(inTrace(trace, SpanKind.SERVER, "http post /api/lists/{listId}/todos")).as("the write of " + trace).isNotNull();
                    assertThat(inTrace(trace, SpanKind.CONSUMER, "stream record INSERT")).as("the record of " + trace).isNotNull();
                });
            }
            // One stream record per write, none in another write's trace.
            assertThat(spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals("stream record INSERT"))
                    .map(SpanData::getTraceId).filter(traces::contains)).hasSize(traces.size()).doesNotHaveDuplicates();
        }
    }

    private SpanData span(SpanKind kind, String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == kind && span.getName().equals(name))
                .findFirst().orElse(null);
    }

    private SpanData inTrace(String trace, SpanKind kind, String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(trace) && span.getKind() == kind && span.getName().equals(name))
                .findFirst().orElse(null);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
