package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Locally the server writes plain lines a person reads; one property (as the CDK app sets it on
 * every function) turns every line into one JSON object in the Elastic Common Schema, which
 * CloudWatch Logs Insights and other log stores query by field.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StructuredLoggingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Each server here sets logging up afresh, as a process of its own would: Spring Boot keeps the
     * logging of an earlier context in this JVM (a cached test context's) and the format it once
     * set as a system property, which would decide the format instead of the property under test.
     */
    @BeforeEach
    void loggingAsInAFreshProcess() {
        System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
        LoggingSystem.get(getClass().getClassLoader()).cleanUp();
    }

    @Test
    @Order(1)
    void givenTheProperty_thenEveryLineIsAnEcsJsonObject(CapturedOutput output) {
        try (ConfigurableApplicationContext server = start("--logging.structured.format.console=ecs")) {
            List<String> lines = output.getOut().lines().filter(line -> !line.isBlank()).toList();
            String ready = lines.stream().filter(line -> line.contains("livetodos is ready at")).findFirst().orElseThrow();

            JsonNode line = JSON.readTree(ready);
            assertThat(line.path("@timestamp").asString()).isNotEmpty();
            assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
            assertThat(line.path("log").path("logger").asString()).isEqualTo(StartupAnnouncement.class.getName());
            assertThat(line.path("message").asString()).startsWith("livetodos is ready at http://localhost:");
            assertThat(line.path("ecs").path("version").asString()).isNotEmpty();
            assertThat(line.path("service").path("name").asString()).isEqualTo("livetodos");
            // DynamoDB Local (local mode only) prints its settings straight to standard output.
            assertThat(lines.stream().filter(each -> !each.startsWith("Initializing DynamoDB Local") && !each.matches("^\\w+:\t.*")))
                    .as("every line the server logged").isNotEmpty()
                    .allSatisfy(each -> assertThat(each).startsWith("{").endsWith("}"));
        }
    }

    /** Last, so that logging is set up plain again for the tests after this class in the same JVM. */
    @Test
    @Order(2)
    void withoutIt_theReadyLinesArePlainText(CapturedOutput output) {
        try (ConfigurableApplicationContext server = start()) {
            assertThat(output.getOut().lines().filter(line -> line.contains("livetodos is ready at")).findFirst().orElseThrow())
                    .doesNotStartWith("{")
                    .contains(" INFO ");
            assertThat(output.getOut()).as("where a newcomer finds health and metrics")
                    .contains("Health and metrics: http://127.0.0.1:" + server.getEnvironment().getProperty("local.management.port")
                            + "/actuator/health");
        }
    }

    private static ConfigurableApplicationContext start(String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--livetodos.in-memory=true";
        System.arraycopy(more, 0, args, 2, more.length);
        return new SpringApplicationBuilder(LivetodosApplication.class).run(args);
    }
}
