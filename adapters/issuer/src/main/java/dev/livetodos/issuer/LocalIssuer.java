package dev.livetodos.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The local server's own OpenID Connect issuer, running: Spring Security's OAuth 2.0 Authorization
 * Server in a servlet context of its own (Jetty, its own port), a sibling of the API's context, not
 * its child, so none of the API's settings leak into it. Its settings come only from
 * {@code issuer.properties} and what the host hands over here; the command line of the host is not
 * read (its {@code --server.port} is the API's).
 */
public final class LocalIssuer implements AutoCloseable {

    /** The page's client: authorization code with PKCE, no secret (it runs in a browser). */
    public static final String WEB_CLIENT_ID = "livetodos-web";
    /** Scripts' client: the device authorization grant, no secret (it runs on someone's machine). */
    public static final String SCRIPT_CLIENT_ID = "livetodos-cli";
    /** The audience of access tokens: the livetodos API. */
    public static final String AUDIENCE = "livetodos";

    private final ConfigurableApplicationContext context;
    private final URI issuer;

    private LocalIssuer(ConfigurableApplicationContext context, URI issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    /**
     * Starts the issuer and returns once it answers. Accounts go to {@code settings.tableName()}
     * through {@code dynamoDb}, which stays the host's to close.
     */
    public static LocalIssuer start(LocalIssuerSettings settings, DynamoDbAsyncClient dynamoDb) {
        // The issuer names itself in every token (pitfall: left to the Host header, localhost and
        // 127.0.0.1 would be two issuers), so its port must be known before it starts.
        int port = settings.port() == 0 ? freePort(settings.address()) : settings.port();
        URI issuer = URI.create("http://localhost:" + port);
        Map<String, Object> properties = new HashMap<>(settings.properties());
        properties.put("spring.config.name", "issuer");
        properties.put("server.port", port);
        properties.put("server.address", settings.address());
        properties.put("livetodos.issuer.url", issuer.toString());
        properties.put("livetodos.issuer.table-name", settings.tableName());
        properties.put("livetodos.issuer.page-origins",
                settings.pageOrigins().stream().map(URI::toString).collect(Collectors.joining(",")));
        settings.dataDir().ifPresent(dir -> properties.put("livetodos.issuer.data-dir", dir.toString()));

        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("livetodos-issuer", properties));
        SpringApplication application = new SpringApplication(IssuerApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setEnvironment(environment);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        application.setMainApplicationClass(IssuerApplication.class);
        // The host's shutdown hook closes the host, and the host closes this context.
        application.setRegisterShutdownHook(false);
        // Logging is the host's: Boot's logging listener would reset the host's levels when this
        // context starts and shut logging down for the whole process when it closes.
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("accountsDynamoDbClient", dynamoDb));
        return new LocalIssuer(application.run(), issuer);
    }

    /** The issuer's URL, as it names itself in {@code iss}: {@code http://localhost:<port>}. */
    public URI issuer() {
        return issuer;
    }

    /** The signing keys, for a resource server that should not ask the discovery document. */
    public URI jwkSetUri() {
        return issuer.resolve("/oauth2/jwks");
    }

    /** The port it listens on. */
    public int port() {
        return issuer.getPort();
    }

    /** Its Spring context, for the host to tie its own life to (closing one closes the other). */
    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort(String address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + address + " for the local issuer", e);
        }
    }
}
