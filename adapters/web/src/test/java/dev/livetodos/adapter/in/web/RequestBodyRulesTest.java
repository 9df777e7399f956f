package dev.livetodos.adapter.in.web;

import static dev.livetodos.adapter.in.web.TodoApi.detailOf;
import static dev.livetodos.adapter.in.web.TodoApi.expectProblem;
import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreatedTodo;
import dev.livetodos.application.port.in.DeletedTodos;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class RequestBodyRulesTest {

    private static final int LIMIT = 65_536;

    private final TodoApi api = new TodoApi();
    private final AtomicInteger useCaseCalls = new AtomicInteger();

    @BeforeEach
    void givenUseCasesThatSucceed() {
        api.createTodo = command -> {
            useCaseCalls.incrementAndGet();
            return Mono.just(new CreatedTodo(aTodo().withName(command.name()).build(), false));
        };
        api.updateTodos = command -> {
            useCaseCalls.incrementAndGet();
            return Mono.just(List.of(aTodo().build()));
        };
        api.deleteTodos = command -> {
            useCaseCalls.incrementAndGet();
            return Mono.just(new DeletedTodos(command.ids(), 1));
        };
    }

    /** A valid body for each method, padded with white space to exactly {@code size} bytes. */
    private static byte[] validBody(String method, int size) {
        String json = switch (method) {
            case "POST" -> "{\"name\":\"Buy milk\"}";
            case "PUT" -> "[{\"id\":\"todo-1\",\"changes\":{\"name\":\"Buy milk\"}}]";
            default -> "[\"todo-1\"]";
        };
        return (json + " ".repeat(size - json.length())).getBytes(UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void rejectsABodyWithoutContentType(String method) {
        var response = api.client.method(HttpMethod.valueOf(method)).uri("/api/lists/groceries/todos")
                .body(BodyInserters.fromDataBuffers(Flux.just(buffer(validBody(method, 100)))))
                .exchange();

        var problem = expectProblem(response, 415, "about:blank")
                .jsonPath("$.title").isEqualTo("Unsupported Media Type");
        assertThat(problem.returnResult().getRequestHeaders().getContentType()).isNull();
        assertThat(useCaseCalls).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/merge-patch+json"})
    void rejectsABodyOfAnotherMediaType(String contentType) {
        var response = api.client.post().uri("/api/lists/groceries/todos")
                .contentType(MediaType.parseMediaType(contentType))
                .bodyValue(validBody("POST", 100))
                .exchange();

        response.expectHeader().valueEquals("Accept", "application/json");
        expectProblem(response, 415, "about:blank");
        assertThat(useCaseCalls).hasValue(0);
    }

    @Test
    void acceptsJsonWithACharsetParameter() {
        var response = api.client.post().uri("/api/lists/groceries/todos")
                .contentType(MediaType.parseMediaType("application/json; charset=utf-8"))
                .bodyValue(validBody("POST", 100))
                .exchange();

        response.expectStatus().isCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void acceptsABodyOfExactly64KiB(String method) {
        byte[] body = validBody(method, LIMIT);

        var response = api.client.method(HttpMethod.valueOf(method)).uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();

        var result = response.expectStatus().is2xxSuccessful().expectBody().returnResult();
        assertThat(result.getRequestHeaders().getContentLength()).isEqualTo(LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void rejectsABodyOneByteOver64KiB(String method) {
        var response = api.client.method(HttpMethod.valueOf(method)).uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(validBody(method, LIMIT + 1))
                .exchange();

        var problem = expectProblem(response, 413, "about:blank")
                .jsonPath("$.title").isEqualTo("Content Too Large");
        assertThat(problem.returnResult().getRequestHeaders().getContentLength()).isEqualTo(LIMIT + 1);
        assertThat(useCaseCalls).hasValue(0);
    }

    @Test
    void rejectsAStreamedBodyWithoutLengthOnceItPasses64KiB() {
        byte[] body = validBody("POST", LIMIT + 1);
        Flux<DataBuffer> chunks = Flux.range(0, (body.length + 1023) / 1024)
                .map(i -> buffer(Arrays.copyOfRange(body, i * 1024, Math.min(body.length, (i + 1) * 1024))));

        var response = api.client.post().uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange();

        var problem = expectProblem(response, 413, "about:blank");
        assertThat(problem.returnResult().getRequestHeaders().getContentLength()).isEqualTo(-1);
        assertThat(useCaseCalls).hasValue(0);
    }

    @Test
    void acceptsAStreamedBodyWithoutLengthWithinTheLimit() {
        byte[] body = validBody("POST", LIMIT);
        Flux<DataBuffer> chunks = Flux.range(0, body.length / 1024)
                .map(i -> buffer(Arrays.copyOfRange(body, i * 1024, (i + 1) * 1024)));

        var response = api.client.post().uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange();

        var result = response.expectStatus().isCreated().expectBody().returnResult();
        assertThat(result.getRequestHeaders().getContentLength()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": ", "{name: \"x\"}", "{\"name\":\"x\"}}", "[\"a\",]", "{'name':'x'}"})
    void rejectsMalformedJson(String body) {
        var response = api.post(body);

        var problem = expectProblem(response, 400, "about:blank");
        assertThat(detailOf(problem)).startsWith("The request body is not well-formed JSON");
        assertThat(useCaseCalls).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"x\"} {\"name\":\"y\"}", "{\"name\":\"x\"} x", "{\"name\":\"x\"}[]"})
    void rejectsTrailingContentAfterTheJsonValue(String body) {
        var response = api.post(body);

        expectProblem(response, 400, "about:blank");
        assertThat(useCaseCalls).hasValue(0);
    }

    @Test
    void rejectsABodyThatIsNotUtf8() {
        byte[] latin1 = "{\"name\":\"Crème brûlée\"}".getBytes(StandardCharsets.ISO_8859_1);

        var response = api.client.post().uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(latin1)
                .exchange();

        expectProblem(response, 400, "about:blank");
        assertThat(useCaseCalls).hasValue(0);
    }

    @Test
    void rejectsAFieldSentTwice() {
        var response = api.post("{\"name\":\"x\",\"name\":\"y\"}");

        expectProblem(response, 400, "about:blank");
        assertThat(useCaseCalls).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n "})
    void rejectsAnEmptyBody(String body) {
        var response = api.post(body);

        expectProblem(response, 400, "about:blank")
                .jsonPath("$.detail").isEqualTo("The request body is empty; send a JSON document.");
    }

    @Test
    void rejectsAJsonNullBodyAsMissing() {
        var response = api.post("null");

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("$")
                .jsonPath("$.errors[0].message").isEqualTo("is required");
    }

    @Test
    void saysNothingAboutTheParserWhenJsonIsMalformed() {
        var response = api.post("{\"name\":\"x\" \"status\":\"pending\"}");

        expectProblem(response, 400, "about:blank")
                .jsonPath("$.detail").isEqualTo("The request body is not well-formed JSON (line 1, column 13).");
    }

    private static DataBuffer buffer(byte[] bytes) {
        return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
    }
}
