package dev.livetodos.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The livetodos server: the HTTP API over DynamoDB, locally with an embedded store and its own
 * OpenID Connect issuer beside it (unless another issuer is configured), or on AWS.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LivetodosApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The server as {@link #main} starts it. */
    public static SpringApplication application() {
        return new SpringApplication(LivetodosApplication.class);
    }
}
