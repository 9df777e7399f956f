package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.CursorExpiredException;
import dev.livetodos.domain.model.IdempotencyKeyReusedException;
import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.InviteNotFoundException;
import dev.livetodos.domain.model.ListAccessDeniedException;
import dev.livetodos.domain.model.ListConflictException;
import dev.livetodos.domain.model.ListException;
import dev.livetodos.domain.model.StoreUnavailableException;
import dev.livetodos.domain.model.TodoConflictException;
import dev.livetodos.domain.model.TodoException;
import dev.livetodos.domain.model.TodoNotFoundException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.util.List;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Answers every failed request with {@code application/problem+json} (RFC 9457). Domain failures
 * get their own problem types; HTTP-level ones are {@code about:blank}. The detail is always a
 * sentence written here (or a domain message, which is written for people): never a framework
 * message, class name or stack trace. Unexpected failures are logged with their stack trace.
 */
public final class ProblemDetailsExceptionHandler implements WebExceptionHandler {

    /** Seconds a client should wait before asking a store that is down again. */
    static final String RETRY_AFTER_SECONDS = "2";

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsExceptionHandler.class);

    private final Counter mustRefetch;

    public ProblemDetailsExceptionHandler() {
        this(new SimpleMeterRegistry());
    }

    /** @param meters where it counts {@code livetodos.feed.must-refetch}: change-feed reads answered 409 must-refetch */
    public ProblemDetailsExceptionHandler(MeterRegistry meters) {
        this.mustRefetch = Counter.builder("livetodos.feed.must-refetch")
                .description("Change-feed reads answered 409 must-refetch (the cursor is older than what deletes are kept for)")
                .register(meters);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        if (error instanceof CursorExpiredException) {
            mustRefetch.increment();
        }
        // Answered in handle, where Reactor sets the request's thread locals from its context (it
        // propagates context only where asked): the lines logged on the way carry its trace ids.
        return Mono.just(error).<byte[]>handle((failure, sink) -> sink.next(answer(exchange, failure)))
                .flatMap(body -> response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body))));
    }

    /** Sets the answer's status and headers on the response, and gives its body. */
    private byte[] answer(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        String path = exchange.getRequest().getPath().value();
        Answer answer = error instanceof InvalidMediaTypeException unreadable
                ? unreadableMediaType(unreadable, exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))
                : answerTo(error, exchange.getRequest().getMethod() + " " + path);
        byte[] body = StrictJson.MAPPER.writeValueAsBytes(answer.problem().at(path));
        response.setStatusCode(HttpStatusCode.valueOf(answer.problem().status()));
        HttpHeaders headers = response.getHeaders();
        headers.putAll(answer.headers());
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        return body;
    }

    /** The answer to {@code error}; {@code request} ("GET /api/todos") only goes to the log. */
    private Answer answerTo(Throwable error, String request) {
        if (error instanceof TodoException todoException) {
            return answerTo(todoException, request);
        }
        if (error instanceof ListException listException) {
            return answerTo(listException);
        }
        if (error instanceof RequestProblem problem) {
            return new Answer(new Problem(problem.type(), problem.title(), problem.status().value(), problem.getMessage()));
        }
        if (stoppedSending(error)) {
            // The client's doing: the connection is closed; one line, no stack trace.
            log.info("Gave up on {}: the client stopped sending its request", request);
            return httpProblem(HttpStatus.REQUEST_TIMEOUT.value(), HttpHeaders.EMPTY);
        }
        if (error instanceof DataBufferLimitException) {
            return httpProblem(HttpStatus.CONTENT_TOO_LARGE.value(), HttpHeaders.EMPTY);
        }
        if (error instanceof ErrorResponse errorResponse) {
            int status = errorResponse.getStatusCode().value();
            if (status >= 500) {
                log.error("Answered {} with status {}", request, status, error);
            }
            return httpProblem(status, errorResponse.getHeaders());
        }
        log.error("Unexpected failure answering {}", request, error);
        return httpProblem(HttpStatus.INTERNAL_SERVER_ERROR.value(), HttpHeaders.EMPTY);
    }

    /**
     * A header value that is not a media type is the client's mistake, never a failure of ours:
     * 415 when it is the body's Content-Type, 400 when it is another header such as Accept.
     */
    private static Answer unreadableMediaType(InvalidMediaTypeException error, String contentType) {
        boolean ofTheBody = contentType != null && contentType.equals(error.getMediaType());
        return httpProblem(ofTheBody ? HttpStatus.UNSUPPORTED_MEDIA_TYPE.value() : HttpStatus.BAD_REQUEST.value(),
                HttpHeaders.EMPTY);
    }

    private Answer answerTo(TodoException error, String request) {
        if (error instanceof InvalidTodoException invalid) {
            return new Answer(new Problem(Problem.INVALID_REQUEST, "Invalid request", 400, invalid.getMessage())
                    .withErrors(invalid.violations().stream()
                            .map(violation -> new Problem.FieldError(violation.field(), violation.message()))
                            .toList()));
        }
        if (error instanceof IdempotencyKeyReusedException reused) {
            return new Answer(new Problem(Problem.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused", 422, reused.getMessage()));
        }
        if (error instanceof TodoNotFoundException notFound) {
            return new Answer(new Problem(Problem.NOT_FOUND, Problem.NOT_FOUND_TITLE, 404, notFound.getMessage()));
        }
        if (error instanceof TodoConflictException conflict) {
            return new Answer(new Problem(Problem.CONFLICT, "Conflict", 409, conflict.getMessage())
                    .withConflicts(conflict.conflicts().stream()
                            .map(c -> new Problem.ConflictJson(c.id().value(), c.currentVersion()))
                            .toList()));
        }
        if (error instanceof ConcurrentUpdateException) {
            return new Answer(new Problem(Problem.CONFLICT, "Conflict", 409,
                    "The todos were changed by someone else at the same moment; nothing was written. Try again.")
                    .withConflicts(List.of()));
        }
        if (error instanceof StoreUnavailableException) {
            log.warn("The todo store is unavailable; answered {} with status 503", request, error);
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return new Answer(new Problem(Problem.STORE_UNAVAILABLE, "Store unavailable", 503,
                    "The todo store cannot be reached right now; try again in a few seconds."), headers);
        }
        // Unreachable while the hierarchy is sealed as it is; a new kind should get its own answer.
        log.error("Unexpected failure answering {}", request, error);
        return httpProblem(HttpStatus.INTERNAL_SERVER_ERROR.value(), HttpHeaders.EMPTY);
    }

    /** The domain's sentences about lists; a list the caller may not see is only ever "not found". */
    private static Answer answerTo(ListException error) {
        if (error instanceof ListAccessDeniedException) {
            return new Answer(new Problem(Problem.FORBIDDEN, "Forbidden", 403, error.getMessage()));
        }
        if (error instanceof ListConflictException conflict) {
            // The list's version only when the caller may know it (a stale rename), as for todos.
            return new Answer(new Problem(Problem.CONFLICT, "Conflict", 409, error.getMessage())
                    .withConflicts(conflict.currentVersion().isPresent()
                            ? List.of(new Problem.ConflictJson(conflict.listId().value(), conflict.currentVersion().getAsLong()))
                            : List.of()));
        }
        if (error instanceof CursorExpiredException) {
            return new Answer(new Problem(Problem.MUST_REFETCH, "Must refetch", 409, error.getMessage()));
        }
        if (error instanceof InviteNotFoundException) {
            return new Answer(new Problem(Problem.NOT_FOUND, "Invite not found", 404, error.getMessage()));
        }
        // ListNotFoundException, the only kind left while the hierarchy is sealed as it is.
        return new Answer(new Problem(Problem.NOT_FOUND, Problem.LIST_NOT_FOUND_TITLE, 404, error.getMessage()));
    }

    /** A request body that stopped arriving, cut off by the server's read timeout. */
    private static boolean stoppedSending(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The body of a plain HTTP problem with this status, for answers given outside any exchange. */
    static byte[] bareProblem(int status) {
        return StrictJson.MAPPER.writeValueAsBytes(httpProblem(status, HttpHeaders.EMPTY).problem());
    }

    private static Answer httpProblem(int status, HttpHeaders headers) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return new Answer(new Problem(Problem.ABOUT_BLANK, title, status, detailFor(status)), headers);
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request could not be read; check its path, parameters and body.";
            case 404 -> "Nothing is found at this path.";
            case 405 -> "This resource does not support this method; the Allow header lists those it does.";
            case 406 -> "The answer cannot be given in a media type the request accepts.";
            case 413 -> "The request body is larger than " + JsonBodies.MAX_BYTES + " bytes.";
            case 408 -> "The request did not arrive in time.";
            case 414 -> "The request line is longer than this server accepts.";
            case 431 -> "The request's headers are larger than this server accepts.";
            case 415 -> "The request body must be sent with Content-Type application/json.";
            case 500 -> "Something went wrong on our side. It has been logged; please try again later.";
            default -> status >= 500
                    ? "The server could not handle the request; please try again later."
                    : "The request could not be handled.";
        };
    }

    /** A problem and the headers that go with it, such as {@code Allow} or {@code Retry-After}. */
    private record Answer(Problem problem, HttpHeaders headers) {

        Answer(Problem problem) {
            this(problem, HttpHeaders.EMPTY);
        }
    }
}
