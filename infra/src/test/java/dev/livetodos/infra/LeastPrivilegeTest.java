package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No wildcard in an action, and {@code *} as a resource only where AWS allows nothing narrower,
 * in every policy of this app's own roles. CDK's BucketDeployment handler is the documented
 * exception (see WebSite and its cdk-nag suppressions).
 */
class LeastPrivilegeTest {

    private static final String DEPLOYMENT_HANDLER = "CustomCDKBucketDeployment";

    @Test
    void appRolesHaveNoWildcardActions() {
        for (Synthesized synthesized : List.of(Synthesized.dev(), Synthesized.prod())) {
            assertThat(appStatements(synthesized.template()))
                    .flatExtracting(LeastPrivilegeTest::actions)
                    .isNotEmpty()
                    .noneMatch(action -> action.contains("*"));
        }
    }

    @Test
    void onlyListStreamsAndPutMetricDataHaveAWildcardResourceBecauseTheyCannotBeScoped() {
        List<Map<String, Object>> unscoped = appStatements(Synthesized.dev().template()).stream()
                .filter(statement -> "*".equals(statement.get("Resource"))
                        || statement.get("Resource") instanceof List<?> list && list.contains("*"))
                .toList();

        // PutMetricData is narrowed by its namespace instead, in both roles that have it.
        Map<String, Object> putMetricData = Map.of("Effect", "Allow", "Action", "cloudwatch:PutMetricData", "Resource", "*",
                "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", "livetodos")));
        assertThat(unscoped).containsExactlyInAnyOrder(
                Map.of("Effect", "Allow", "Action", "dynamodb:ListStreams", "Resource", "*"), putMetricData, putMetricData);
    }

    @Test
    void theTicketAuthorizerMayWriteItsLogsAndDeleteTodoTableItemsAndNothingElse() {
        Template template = Synthesized.dev().template();

        assertThat(TemplateQueries.statementsOfRole(template, "LiveChangesAuthorizeConnectRole")).containsExactlyInAnyOrder(
                Map.of("Effect", "Allow", "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "Resource", TemplateQueries.getAtt(template, "AWS::Logs::LogGroup", "LiveChangesAuthorizeConnectLogs", "Arn")),
                Map.of("Effect", "Allow", "Action", "dynamodb:DeleteItem",
                        "Resource", TemplateQueries.getAtt(template, "AWS::DynamoDB::Table", "TodoTablesTodos", "Arn")));
    }

    @Test
    void onlyCdksOwnCustomResourceHandlersUseManagedPolicies() {
        Template template = Synthesized.dev().template();

        assertThat(template.findResources("AWS::IAM::Role").entrySet())
                .filteredOn(role -> ((Map<?, ?>) role.getValue().get("Properties")).containsKey("ManagedPolicyArns"))
                .extracting(Map.Entry::getKey)
                .allMatch(id -> id.startsWith(DEPLOYMENT_HANDLER) || id.startsWith("CustomS3AutoDeleteObjects"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> appStatements(Template template) {
        List<Map<String, Object>> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").forEach((id, policy) -> {
            if (!id.startsWith(DEPLOYMENT_HANDLER)) {
                Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument");
                statements.addAll((List<Map<String, Object>>) document.get("Statement"));
            }
        });
        return statements;
    }

    @SuppressWarnings("unchecked")
    private static List<String> actions(Map<String, Object> statement) {
        return statement.get("Action") instanceof List<?> list ? (List<String>) list : List.of((String) statement.get("Action"));
    }
}
