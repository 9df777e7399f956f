package dev.livetodos.bootstrap.local;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local inside this process. Unlike its own launcher, it listens on the loopback
 * interface only, on a port the operating system picks (so two servers never race for one),
 * and sends no telemetry. DynamoDB Local itself takes any credentials, so every other process on
 * the machine could read or drop the table; here a guard in front of it answers every request
 * not signed with the store's own access key id as DynamoDB answers an unknown key (400
 * {@code UnrecognizedClientException}), before DynamoDB Local sees it.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;

    private EmbeddedDynamoDb(Server server, LocalDynamoDBServerHandler handler, URI endpoint, AwsCredentials key) {
        this.server = server;
        this.handler = handler;
        this.endpoint = endpoint;
        this.credentials = StaticCredentialsProvider.create(key);
    }

    /**
     * A key made for this process alone: random, never written anywhere, gone when it ends. Its
     * {@code toString} (the SDK's) names no secret, so logging a client does not show it.
     */
    public static AwsCredentials randomKey() {
        return AwsBasicCredentials.create("LT" + random(16).toUpperCase(), random(32));
    }

    /**
     * Starts a store that keeps its data in {@code dataDir}, or in memory when there is none, and
     * takes requests signed with {@code key} only. One shared database serves every region.
     */
    public static EmbeddedDynamoDb start(Optional<Path> dataDir, AwsCredentials key) throws Exception {
        return start(dataDir, 0, key);
    }

    /** As {@link #start(Optional, AwsCredentials)}, on the given loopback port (0: any free one). */
    public static EmbeddedDynamoDb start(Optional<Path> dataDir, int port, AwsCredentials key) throws Exception {
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
        root.setHandler(new OnlyItsOwnKey(key.accessKeyId(), handler));
        server.setHandler(root);
        try {
            server.start();
        } catch (Exception e) {
            handler.close();
            throw e;
        }
        return new EmbeddedDynamoDb(server, handler,
                URI.create("http://" + loopback.getHostAddress() + ":" + connector.getLocalPort()), key);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The credentials the store takes: for this process's own clients only. */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            handler.close();
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /**
     * Lets through only requests whose SigV4 {@code Authorization} header names the store's access
     * key id (compared in constant time); the rest are refused as DynamoDB refuses an unknown key.
     */
    static final class OnlyItsOwnKey extends Handler.Wrapper {

        private static final String REFUSED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#UnrecognizedClientException\","
                + "\"message\":\"The security token included in the request is invalid.\"}";

        private final byte[] credential;

        OnlyItsOwnKey(String accessKeyId, Handler next) {
            super(next);
            this.credential = ("Credential=" + accessKeyId + "/").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (signedWithItsKey(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
                return super.handle(request, response, callback);
            }
            response.setStatus(400);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.0");
            Content.Sink.write(response, true, REFUSED, callback);
            return true;
        }

        private boolean signedWithItsKey(String authorization) {
            if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
                return false;
            }
            int at = authorization.indexOf("Credential=");
            if (at < 0 || authorization.length() < at + credential.length) {
                return false;
            }
            byte[] named = authorization.substring(at, at + credential.length).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(named, credential);
        }
    }
}
