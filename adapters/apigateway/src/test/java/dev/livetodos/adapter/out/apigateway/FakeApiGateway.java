package dev.livetodos.adapter.out.apigateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;

/**
 * The {@code @connections} management API of one API Gateway WebSocket stage, on a loopback
 * port: {@code POST /{stage}/@connections/{id}} answers 200 for a live connection, 410
 * {@code GoneException} for a gone one, 429 {@code LimitExceededException} for a throttled one
 * and 500 for a failing one. It keeps every body a live connection was sent and counts the posts
 * to each id, retries included. {@code DELETE /{stage}/@connections/{id}} closes a connection:
 * 204, or 410 when it is gone already.
 */
final class FakeApiGateway implements AutoCloseable {

    static final String STAGE = "prod";

    private enum Answer { LIVE, GONE, GONE_WITHOUT_ERROR_TYPE, THROTTLED, FAILING }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> posts = new ConcurrentHashMap<>();
    private final List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();

    private FakeApiGateway(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static FakeApiGateway start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        FakeApiGateway apiGateway = new FakeApiGateway(server, executor);
        server.createContext("/" + STAGE + "/@connections/", apiGateway::handle);
        server.setExecutor(executor);
        server.start();
        return apiGateway;
    }

    FakeApiGateway gone(String connectionId) {
        answers.put(connectionId, Answer.GONE);
        return this;
    }

    /** Gone, but the answer carries no error type: only its status says so. */
    FakeApiGateway goneWithoutErrorType(String connectionId) {
        answers.put(connectionId, Answer.GONE_WITHOUT_ERROR_TYPE);
        return this;
    }

    FakeApiGateway throttled(String connectionId) {
        answers.put(connectionId, Answer.THROTTLED);
        return this;
    }

    FakeApiGateway failing(String connectionId) {
        answers.put(connectionId, Answer.FAILING);
        return this;
    }

    /** Answers 200 again, as after a failure that has passed. */
    FakeApiGateway live(String connectionId) {
        answers.remove(connectionId);
        return this;
    }

    /** The connections closed with {@code DELETE}, in order. */
    List<String> closed() {
        return List.copyOf(closed);
    }

    /** The bodies this connection was sent and took, in order of arrival. */
    List<byte[]> bodiesTakenBy(String connectionId) {
        List<byte[]> taken = bodies.getOrDefault(connectionId, List.of());
        synchronized (taken) {
            return List.copyOf(taken);
        }
    }

    /** How many posts to this connection arrived, whatever the answer. */
    int postsTo(String connectionId) {
        return posts.getOrDefault(connectionId, 0);
    }

    /** A client for this stage that tries every call {@code maxAttempts} times, without waiting between tries. */
    ApiGatewayManagementApiAsyncClient client(int maxAttempts) {
        return ApiGatewayManagementApiAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + STAGE))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(config -> config.retryStrategy(retries -> retries
                        .maxAttempts(maxAttempts)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())))
                .build();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            String connectionId = path.substring(path.lastIndexOf('/') + 1);
            exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            if ("DELETE".equals(exchange.getRequestMethod())) {
                closed.add(connectionId);
                if (answers.getOrDefault(connectionId, Answer.LIVE) == Answer.GONE) {
                    answer(exchange, 410, "GoneException", "{\"message\":null}");
                } else {
                    answers.put(connectionId, Answer.GONE);
                    exchange.sendResponseHeaders(204, -1);
                }
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 403, "ForbiddenException", "{\"message\":\"Forbidden\"}");
                return;
            }
            posts.merge(connectionId, 1, Integer::sum);
            switch (answers.getOrDefault(connectionId, Answer.LIVE)) {
                case LIVE -> {
                    List<byte[]> taken = bodies.computeIfAbsent(connectionId, id -> new ArrayList<>());
                    synchronized (taken) {
                        taken.add(body);
                    }
                    exchange.sendResponseHeaders(200, -1);
                }
                case GONE -> answer(exchange, 410, "GoneException", "{\"message\":null}");
                case GONE_WITHOUT_ERROR_TYPE -> answer(exchange, 410, null, "{}");
                case THROTTLED -> answer(exchange, 429, "LimitExceededException", "{\"message\":\"Too Many Requests\"}");
                case FAILING -> answer(exchange, 500, "InternalServerErrorException", "{\"message\":\"Internal server error\"}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String errorType, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
