package dev.livetodos.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The livetodos server: the HTTP API over DynamoDB, locally with an embedded store or on AWS. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LivetodosApplication {

    public static void main(String[] args) {
        SpringApplication.run(LivetodosApplication.class, args);
    }
}
