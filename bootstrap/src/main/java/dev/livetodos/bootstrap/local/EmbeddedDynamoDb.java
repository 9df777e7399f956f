package dev.livetodos.bootstrap.local;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local inside this process. Unlike its own launcher, it listens on the loopback
 * interface only, on a port the operating system picks (so two servers never race for one),
 * and sends no telemetry.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;

    private EmbeddedDynamoDb(Server server, LocalDynamoDBServerHandler handler, URI endpoint) {
        this.server = server;
        this.handler = handler;
        this.endpoint = endpoint;
    }

    /**
     * Starts a store that keeps its data in {@code dataDir}, or in memory when there is none.
     * One shared database serves every credential and region, as a single local store should.
     */
    public static EmbeddedDynamoDb start(Optional<Path> dataDir) throws Exception {
        return start(dataDir, 0);
    }

    /** As {@link #start(Optional)}, on the given loopback port (0: any free one). */
    public static EmbeddedDynamoDb start(Optional<Path> dataDir, int port) throws Exception {
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, dataDir.isEmpty(), dataDir.map(Path::toString).orElse(null), true, false),
                null);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        connector.setHost(loopback.getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandler root = new ContextHandler();
        root.setHandler(handler);
        server.setHandler(root);
        try {
            server.start();
        } catch (Exception e) {
            handler.close();
            throw e;
        }
        return new EmbeddedDynamoDb(server, handler,
                URI.create("http://" + loopback.getHostAddress() + ":" + connector.getLocalPort()));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            handler.close();
        }
    }
}
