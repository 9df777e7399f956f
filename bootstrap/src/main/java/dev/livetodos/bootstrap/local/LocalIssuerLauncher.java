package dev.livetodos.bootstrap.local;

import dev.livetodos.bootstrap.LocalMode;
import dev.livetodos.bootstrap.LivetodosProperties;
import dev.livetodos.bootstrap.StoreConnection;
import dev.livetodos.issuer.LocalIssuer;
import dev.livetodos.issuer.LocalIssuerSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Local mode's sign-in: once the API is up (its port known, its table made) and before it says
 * it is ready, starts the local OpenID Connect issuer beside it, a sibling context on its own
 * port, and ties the two together: closing either closes the other. It does not start when another
 * issuer is configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), nor on AWS.
 *
 * <p>What the API needs of it later is published in the API's environment once it runs:
 * {@value #ISSUER_URI}, {@value #JWK_SET_URI}, {@value #WEB_CLIENT_ID}, {@value #SCRIPT_CLIENT_ID},
 * {@value #AUDIENCE}; and the {@link LocalIssuer} itself as a bean.
 */
@Component
@Conditional(LocalMode.class)
public final class LocalIssuerLauncher implements ApplicationListener<ApplicationStartedEvent> {

    public static final String ISSUER_URI = "livetodos.local-issuer.issuer-uri";
    public static final String JWK_SET_URI = "livetodos.local-issuer.jwk-set-uri";
    public static final String WEB_CLIENT_ID = "livetodos.local-issuer.web-client-id";
    public static final String SCRIPT_CLIENT_ID = "livetodos.local-issuer.script-client-id";
    public static final String AUDIENCE = "livetodos.local-issuer.audience";
    static final String EXTERNAL_ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    private static final Logger log = LoggerFactory.getLogger(LocalIssuerLauncher.class);
    private static final String SETTINGS = "livetodos.issuer.";

    @Override
    public void onApplicationEvent(ApplicationStartedEvent started) {
        ConfigurableApplicationContext api = started.getApplicationContext();
        ConfigurableEnvironment environment = api.getEnvironment();
        if (api.getBeanProvider(EmbeddedDynamoDb.class).getIfAvailable() == null) {
            return;
        }
        if (StringUtils.hasText(environment.getProperty(EXTERNAL_ISSUER))) {
            log.info("Sign-in: tokens of {} (the local issuer does not start)", environment.getProperty(EXTERNAL_ISSUER));
            return;
        }
        LocalIssuer issuer = LocalIssuer.start(settings(api, environment), api.getBean(DynamoDbAsyncClient.class));
        tie(api, issuer);
        environment.getPropertySources().addFirst(new MapPropertySource("livetodos-local-issuer", Map.of(
                ISSUER_URI, issuer.issuer().toString(),
                JWK_SET_URI, issuer.jwkSetUri().toString(),
                WEB_CLIENT_ID, LocalIssuer.WEB_CLIENT_ID,
                SCRIPT_CLIENT_ID, LocalIssuer.SCRIPT_CLIENT_ID,
                AUDIENCE, LocalIssuer.AUDIENCE)));
        log.info("Sign-in: the local issuer at {}/ (accounts in the server's table)", issuer.issuer());
    }

    private static LocalIssuerSettings settings(ConfigurableApplicationContext api, ConfigurableEnvironment environment) {
        LivetodosProperties properties = api.getBean(LivetodosProperties.class);
        int apiPort = environment.getRequiredProperty("local.server.port", Integer.class);
        int configuredApiPort = environment.getProperty("server.port", Integer.class, 8080);
        // Beside the API: its port plus one (8081 by default); a random one when the API's is random.
        int port = environment.getProperty(SETTINGS + "port", Integer.class, configuredApiPort == 0 ? 0 : configuredApiPort + 1);
        String address = environment.getProperty(SETTINGS + "address", environment.getProperty("server.address", "127.0.0.1"));
        Set<URI> origins = new LinkedHashSet<>(List.of(URI.create("http://localhost:" + apiPort), URI.create("http://127.0.0.1:" + apiPort)));
        if (properties.allowedOrigins() != null) {
            properties.allowedOrigins().stream().map(URI::create).forEach(origins::add);
        }
        Optional<java.nio.file.Path> dataDir = properties.inMemory() ? Optional.empty()
                : Optional.of(LocalStoreConfiguration.dataDir(properties));
        return new LocalIssuerSettings(address, port, dataDir, api.getBean(StoreConnection.class).tableName(),
                new ArrayList<>(origins), issuerProperties(environment));
    }

    /** The host's other {@code livetodos.issuer.*} settings (limits, lifetimes), handed on as they are. */
    private static Map<String, Object> issuerProperties(ConfigurableEnvironment environment) {
        Map<String, Object> handedOn = new HashMap<>();
        environment.getPropertySources().stream()
                .filter(EnumerablePropertySource.class::isInstance)
                .flatMap(source -> List.of(((EnumerablePropertySource<?>) source).getPropertyNames()).stream())
                .filter(name -> name.startsWith(SETTINGS) && !name.equals(SETTINGS + "port") && !name.equals(SETTINGS + "address"))
                .distinct()
                .forEach(name -> handedOn.put(name, environment.getProperty(name)));
        return handedOn;
    }

    /**
     * Either context closing closes the other: the server and its sign-in live and die together.
     * The API closes the issuer as one of its beans, after its own web server has stopped (closing
     * it from the API's closed event instead held up Netty's graceful shutdown until its timeout).
     */
    private static void tie(ConfigurableApplicationContext api, LocalIssuer issuer) {
        api.getBeanFactory().registerSingleton("localIssuer", issuer);
        ((DefaultListableBeanFactory) api.getBeanFactory()).registerDisposableBean("localIssuer", issuer::close);
        issuer.context().addApplicationListener((ApplicationListener<ContextClosedEvent>) closed -> {
            if (closed.getApplicationContext() == issuer.context()) {
                api.close();
            }
        });
    }
}
