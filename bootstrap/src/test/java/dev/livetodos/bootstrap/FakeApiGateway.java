package dev.livetodos.bootstrap;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Stands in for API Gateway's connection management API: {@code POST /prod/@connections/{id}}
 * answered with the status a test chooses per connection and per call, and
 * {@code DELETE /prod/@connections/{id}} (closing it: 204, then it answers 410 for good).
 */
final class FakeApiGateway implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, IntUnaryOperator> statusByCall = new ConcurrentHashMap<>();
    private final List<String> closed = new CopyOnWriteArrayList<>();

    private FakeApiGateway(HttpServer server) {
        this.server = server;
    }

    static FakeApiGateway start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeApiGateway gateway = new FakeApiGateway(server);
            server.createContext("/prod/@connections/", exchange -> {
                String id = URLDecoder.decode(exchange.getRequestURI().getRawPath()
                        .substring("/prod/@connections/".length()), StandardCharsets.UTF_8);
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if ("DELETE".equals(exchange.getRequestMethod())) {
                    gateway.closed.add(id);
                    gateway.statusByCall.put(id, n -> 410);
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                int call = gateway.calls.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
                int status = gateway.statusByCall.getOrDefault(id, n -> 200).applyAsInt(call);
                if (status == 200) {
                    gateway.received.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(body);
                }
                byte[] answer = status == 410 ? "{\"message\":\"Gone\"}".getBytes(StandardCharsets.UTF_8) : new byte[0];
                if (status == 410) {
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "GoneException");
                }
                exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
                exchange.close();
            });
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prod");
    }

    /** How the given connection answers its n-th call (1-based); 200 unless told otherwise. */
    void answer(String connectionId, IntUnaryOperator statusOfCall) {
        statusByCall.put(connectionId, statusOfCall);
    }

    List<String> framesTo(String connectionId) {
        return received.getOrDefault(connectionId, List.of());
    }

    /** Every post to the connection, whatever it was answered (the client's retries included). */
    int postsTo(String connectionId) {
        AtomicInteger count = calls.get(connectionId);
        return count == null ? 0 : count.get();
    }

    /** The connections closed with {@code DELETE}, in order. */
    List<String> closed() {
        return List.copyOf(closed);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
