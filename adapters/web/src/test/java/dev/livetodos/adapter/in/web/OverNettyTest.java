package dev.livetodos.adapter.in.web;

import static dev.livetodos.adapter.in.web.TodoApi.expectProblem;
import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.application.port.in.CreatedTodo;
import dev.livetodos.application.port.out.TodosAt;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The body limit and routing on a real Netty server, where bodies arrive as pooled, chunked buffers. */
class OverNettyTest {

    private static final int LIMIT = 65_536;

    private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(
                    new TodoHttpRoutes(
                            command -> Mono.just(new TodosAt(0, List.of(aTodo().build()))),
                            command -> Mono.just(aTodo().withId(command.id().value()).build()),
                            command -> Mono.just(new CreatedTodo(aTodo().withName(command.name()).build(), false)),
                            command -> Mono.error(new AssertionError("updating todos was not expected")),
                            command -> Mono.error(new AssertionError("deleting todos was not expected")),
                            command -> Mono.error(new AssertionError("reading the change feed was not expected")),
                            TodoScope.Resolver.always(TodoApi.SCOPE), java.time.Clock.systemUTC()).routes(),
                    HandlerStrategies.empty().exceptionHandler(new ProblemDetailsExceptionHandler()).build())))
            .bindNow();
    private final WebTestClient client = WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + server.port())
            .build();

    @AfterEach
    void stopServer() {
        server.disposeNow();
    }

    private static byte[] createBody(int size) {
        String json = "{\"name\":\"Buy milk\"}";
        return (json + " ".repeat(size - json.length())).getBytes(UTF_8);
    }

    private static Flux<DataBuffer> inChunks(byte[] body, int chunkSize) {
        return Flux.range(0, (body.length + chunkSize - 1) / chunkSize)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                        Arrays.copyOfRange(body, i * chunkSize, Math.min(body.length, (i + 1) * chunkSize))));
    }

    @Test
    void acceptsAChunkedBodyOfExactly64KiB() {
        byte[] body = createBody(LIMIT);

        var response = client.post().uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(inChunks(body, 1000)))
                .exchange();

        response.expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.name").isEqualTo("Buy milk");
    }

    @Test
    void rejectsAChunkedBodyOnceItPasses64KiB() {
        byte[] body = createBody(LIMIT + 1);

        var response = client.post().uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(inChunks(body, 1000)))
                .exchange();

        expectProblem(response, 413, "about:blank");
    }

    @Test
    void rejectsADeclaredLengthOver64KiBWithoutReadingTheBody() {
        byte[] body = createBody(LIMIT + 1);

        var response = client.post().uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();

        expectProblem(response, 413, "about:blank");
    }

    @Test
    void answersAValidationProblemOverTheWire() {
        var response = client.post().uri("/api/lists/groceries/todos")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":5}".getBytes(UTF_8))
                .exchange();

        expectProblem(response, 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void answersHeadWithMethodNotAllowedAsOnlyGetIsRouted() {
        var response = client.head().uri("/api/lists/groceries/todos").exchange();

        response.expectStatus().isEqualTo(405);
        assertThat(response.returnResult(byte[].class).getResponseHeaders().getAllow())
                .containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE);
    }
}
