package dev.livetodos.bootstrap;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where Actuator answers. Locally on a port of its own, the API's plus two (8082 beside 8080, the local
 * issuer having the one between; a random one when the API's is), and only on loopback whatever
 * {@code server.address} says, with health, info, metrics and Prometheus. On AWS (a table
 * configured) it shares the API's port and exposes health alone, which the API's security lets through:
 * there the only way in is the Function URL behind CloudFront, which forwards {@code /api/*}.
 * Anything set in the usual places ({@code --management.server.port=...}) wins over these.
 */
class ManagementLayout implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "livetodos-management";
    /** The API's port plus this; the local issuer has the one in between. */
    static final int OFFSET = 2;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(LivetodosApplication.class)) {
            return;
        }
        if (!LocalMode.isOn(environment)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                    "management.endpoints.web.exposure.include", "health")));
            return;
        }
        int apiPort = environment.getProperty("server.port", Integer.class, 8080);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "management.server.port", apiPort <= 0 ? 0 : apiPort + OFFSET,
                "management.server.address", "127.0.0.1",
                "management.endpoints.web.exposure.include", "health,info,metrics,prometheus")));
    }

    /** After the configuration files are read, so {@code server.port} is known. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
