package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.test.StepVerifier;

class ProblemDetailsExceptionHandlerTest {

    private final RecordingLog log = new RecordingLog();
    private final ProblemDetailsExceptionHandler handler = new ProblemDetailsExceptionHandler();

    @AfterEach
    void stopRecording() {
        log.stop();
    }

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
    private static final class RecordingLog {

        final List<Throwable> errors = new ArrayList<>();
        final List<Throwable> warnings = new ArrayList<>();
        private final Logger logger = (Logger) LoggerFactory.getLogger(ProblemDetailsExceptionHandler.class);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                Throwable failure = event.getThrowableProxy() instanceof ThrowableProxy proxy ? proxy.getThrowable() : null;
                if (event.getLevel() == Level.ERROR) {
                    errors.add(failure);
                } else if (event.getLevel() == Level.WARN) {
                    warnings.add(failure);
                }
            }
        };

        RecordingLog() {
            appender.start();
            logger.addAppender(appender);
        }

        void stop() {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
