package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
class StructuredLoggingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
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

    @Test
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
