package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.impl.SimpleLog;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.test.StepVerifier;

class ProblemDetailsExceptionHandlerTest {

    private final RecordingLog log = new RecordingLog();
    private final ProblemDetailsExceptionHandler handler = new ProblemDetailsExceptionHandler(log);

    @Test
    void letsTheErrorPassWhenTheResponseIsAlreadyCommitted() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/todos"));
        StepVerifier.create(exchange.getResponse().setComplete()).verifyComplete();
        IllegalStateException failure = new IllegalStateException("failed half way through the answer");

        var handled = handler.handle(exchange, failure);

        StepVerifier.create(handled).expectErrorMatches(error -> error == failure).verify();
    }

    @Test
    void logsAnUnexpectedFailureWithItsStackTrace() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/todos"));
        IllegalStateException failure = new IllegalStateException("boom");

        StepVerifier.create(handler.handle(exchange, failure)).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(log.errors).containsExactly(failure);
    }

    @Test
    void logsServerSideStatusFailuresButNotClientSideOnes() {
        ResponseStatusException serverSide = new ResponseStatusException(HttpStatus.BAD_GATEWAY);
        ResponseStatusException clientSide = new ResponseStatusException(HttpStatus.NOT_FOUND);

        StepVerifier.create(handler.handle(MockServerWebExchange.from(MockServerHttpRequest.get("/x")), serverSide))
                .verifyComplete();
        StepVerifier.create(handler.handle(MockServerWebExchange.from(MockServerHttpRequest.get("/y")), clientSide))
                .verifyComplete();

        assertThat(log.errors).containsExactly(serverSide);
    }

    @Test
    void logsAnUnavailableStoreAsAWarningWithItsCause() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/todos"));
        StoreUnavailableException failure = new StoreUnavailableException("store down", new IllegalStateException("timeout"));

        StepVerifier.create(handler.handle(exchange, failure)).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(log.warnings).containsExactly(failure);
        assertThat(log.errors).isEmpty();
    }

    @Test
    void writesTheRequestPathAsInstance() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/todos/abc"));

        StepVerifier.create(handler.handle(exchange, new ResponseStatusException(HttpStatus.NOT_FOUND))).verifyComplete();

        StepVerifier.create(exchange.getResponse().getBodyAsString())
                .assertNext(body -> assertThat(body).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\","
                        + "\"status\":404,\"detail\":\"Nothing is found at this path.\",\"instance\":\"/api/todos/abc\"}"))
                .verifyComplete();
    }

    /** Keeps the failures logged as errors and warnings, so a test can see that the failure itself (and so its stack trace) went to the log. */
    private static final class RecordingLog extends SimpleLog {

        final List<Throwable> errors = new ArrayList<>();
        final List<Throwable> warnings = new ArrayList<>();

        RecordingLog() {
            super("test");
            setLevel(LOG_LEVEL_ALL);
        }

        @Override
        protected void log(int level, Object message, Throwable failure) {
            if (level == LOG_LEVEL_ERROR) {
                errors.add(failure);
            } else if (level == LOG_LEVEL_WARN) {
                warnings.add(failure);
            }
        }
    }
}
