package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.livetodos.infra.TemplateQueries.environment;
import static dev.livetodos.infra.TemplateQueries.getAtt;
import static dev.livetodos.infra.TemplateQueries.properties;
import static dev.livetodos.infra.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

class LambdaFunctionsTest {

    /** Construct paths of the six functions, as their logical ids begin. */
    static final List<String> FUNCTIONS = List.of("LiveChangesAuthorizeConnect", "LiveChangesConnect", "LiveChangesDisconnect", "LiveChangesMessage",
            "StreamProcessingTodoStream", "HttpApiHttp");
    private static final Map<String, String> SPRING_DEFINITIONS = Map.of(
            "LiveChangesAuthorizeConnect", "authorizeConnect",
            "LiveChangesConnect", "connect",
            "LiveChangesDisconnect", "disconnect",
            "LiveChangesMessage", "message",
            "StreamProcessingTodoStream", "todoStream");

    @Test
    void everyFunctionRunsJava21OnSnapStartBehindItsLiveAlias() {
        Template template = Synthesized.dev().template();

        template.resourceCountIs("AWS::Lambda::Alias", FUNCTIONS.size());
        for (String function : FUNCTIONS) {
            Map<String, Object> properties = properties(template, "AWS::Lambda::Function", function + "Function");
            assertThat(properties).as(function)
                    .containsEntry("Runtime", "java21")
                    .containsEntry("Architectures", List.of("x86_64"))
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
            assertThat(properties(template, "AWS::Lambda::Alias", function + "Live")).as(function)
                    .containsEntry("Name", "live")
                    .containsEntry("FunctionName", ref(template, "AWS::Lambda::Function", function + "Function"))
                    .containsEntry("FunctionVersion", getAtt(template, "AWS::Lambda::Version", function + "FunctionCurrentVersion", "Version"));
        }
    }

    @Test
    void springCloudFunctionHandlersPickTheirFunctionAndKnowTablesAndEndpoint() {
        Template template = Synthesized.dev().template();
        String api = TemplateQueries.logicalId(template, "AWS::ApiGatewayV2::Api", "LiveChangesApi");

        SPRING_DEFINITIONS.forEach((function, definition) -> {
            assertThat(properties(template, "AWS::Lambda::Function", function + "Function")).as(function)
                    .containsEntry("Handler", "org.springframework.cloud.function.adapter.aws.FunctionInvoker");
            assertThat(environment(template, function + "Function")).as(function)
                    .containsEntry("spring_cloud_function_definition", definition)
                    .containsEntry("MAIN_CLASS", "dev.livetodos.bootstrap.LivetodosApplication")
                    .containsEntry("LIVETODOS_TABLE_NAME", ref(template, "AWS::DynamoDB::Table", "TodoTablesTodos"))
                    .containsEntry("LIVETODOS_CONNECTIONS_TABLE", ref(template, "AWS::DynamoDB::Table", "TodoTablesConnections"))
                    .containsEntry("LIVETODOS_WEBSOCKET_ENDPOINT", Map.of("Fn::Join", List.of("", List.of(
                            "https://", Map.of("Ref", api), ".execute-api.", Map.of("Ref", "AWS::Region"), ".",
                            Map.of("Ref", "AWS::URLSuffix"), "/dev"))));
        });
    }

    @Test
    void everyFunctionLogsStructuredJsonAndOnlyTheHttpAndStreamFunctionsPublishMetrics() {
        Template template = Synthesized.dev().template();

        for (String function : FUNCTIONS) {
            Map<String, Object> environment = environment(template, function + "Function");
            assertThat(environment).as(function)
                    .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                    .containsEntry("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_ENABLED", "false");
            boolean publishes = function.equals("HttpApiHttp") || function.equals("StreamProcessingTodoStream");
            assertThat(environment.containsKey("MANAGEMENT_CLOUDWATCH_METRICS_EXPORT_NAMESPACE")).as(function).isEqualTo(publishes);
            assertThat(TemplateQueries.actionsOfRole(template, function + "Role")).as(function)
                    .filteredOn(action -> action.startsWith("cloudwatch:"))
                    .isEqualTo(publishes ? List.of("cloudwatch:PutMetricData") : List.of());
        }
    }

    @Test
    void everyFunctionLogsToItsOwnGroupWithARetentionSetPerStage() {
        Template dev = Synthesized.dev().template();
        Template prod = Synthesized.prod().template();

        for (String function : FUNCTIONS) {
            assertThat(properties(dev, "AWS::Lambda::Function", function + "Function")).as(function)
                    .containsEntry("LoggingConfig", Map.of("LogGroup", ref(dev, "AWS::Logs::LogGroup", function + "Logs")));
            assertThat(properties(dev, "AWS::Logs::LogGroup", function + "Logs")).containsEntry("RetentionInDays", 7);
            assertThat(properties(prod, "AWS::Logs::LogGroup", function + "Logs")).containsEntry("RetentionInDays", 90);
        }
    }

    @Test
    void functionRolesUseNoManagedPoliciesAndMayWriteOnlyTheirOwnLogs() {
        Template template = Synthesized.dev().template();

        for (String function : FUNCTIONS) {
            assertThat(properties(template, "AWS::IAM::Role", function + "Role")).as(function)
                    .doesNotContainKey("ManagedPolicyArns");
            assertThat(TemplateQueries.statementsOfRole(template, function + "Role")).as(function)
                    .contains(Map.of("Effect", "Allow", "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                            "Resource", getAtt(template, "AWS::Logs::LogGroup", function + "Logs", "Arn")));
        }
    }

    @Test
    void replacedVersionsAreDeletedSoSnapshotsDoNotPileUp() {
        Template template = Synthesized.dev().template();

        for (String function : FUNCTIONS) {
            assertThat(TemplateQueries.resource(template, "AWS::Lambda::Version", function + "FunctionCurrentVersion"))
                    .as(function).containsEntry("DeletionPolicy", "Delete");
        }
    }
}
