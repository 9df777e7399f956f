package dev.livetodos.infra;

import static dev.livetodos.infra.TemplateQueries.actionsOfRole;
import static dev.livetodos.infra.TemplateQueries.environment;
import static dev.livetodos.infra.TemplateQueries.getAtt;
import static dev.livetodos.infra.TemplateQueries.properties;
import static dev.livetodos.infra.TemplateQueries.ref;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class HttpApiTest {

    @Test
    void webFluxServerRunsBehindTheLambdaWebAdapter() {
        Template template = Synthesized.dev().template();

        Map<String, Object> function = properties(template, "AWS::Lambda::Function", "HttpApiHttpFunction");

        assertThat(function).containsEntry("Handler", "run.sh").containsEntry("Runtime", "java21")
                .containsEntry("MemorySize", 1769)
                .containsEntry("Layers", List.of(Map.of("Fn::Join", List.of("", List.of(
                        "arn:aws:lambda:", Map.of("Ref", "AWS::Region"), ":753240598075:layer:LambdaAdapterLayerX86:30")))));
        assertThat(environment(template, "HttpApiHttpFunction")).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("AWS_LAMBDA_EXEC_WRAPPER", "/opt/bootstrap"),
                entry("AWS_LWA_PORT", "8080"),
                entry("AWS_LWA_READINESS_CHECK_PATH", "/actuator/health/readiness"),
                entry("MANAGEMENT_SERVER_PORT", "8080"),
                entry("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health"),
                entry("MANAGEMENT_ENDPOINT_HEALTH_SHOW_DETAILS", "never"),
                entry("MANAGEMENT_CLOUDWATCH_METRICS_EXPORT_NAMESPACE", "livetodos"),
                entry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"),
                entry("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_ENABLED", "false"),
                entry("LIVETODOS_TABLE_NAME", ref(template, "AWS::DynamoDB::Table", "TodoTablesTodos")),
                entry(SignIn.ISSUER_URI, getAtt(template, "AWS::Cognito::UserPool", "SignInUsers", "ProviderURL")),
                entry(SignIn.JWK_SET_URI, Map.of("Fn::Join", List.of("", List.of(
                        getAtt(template, "AWS::Cognito::UserPool", "SignInUsers", "ProviderURL"), "/.well-known/jwks.json")))),
                entry(SignIn.REQUIRED_SCOPE, "livetodos/api"),
                entry(HttpApi.TOKEN_HEADER_SETTING, "X-Livetodos-Authorization")));
    }

    @Test
    void functionUrlOnTheLiveAliasTakesOnlySignedRequests() {
        Template template = Synthesized.dev().template();

        template.resourceCountIs("AWS::Lambda::Url", 1);
        template.hasResourceProperties("AWS::Lambda::Url", Map.of(
                "AuthType", "AWS_IAM",
                "InvokeMode", "BUFFERED",
                "Qualifier", "live",
                "TargetFunctionArn", getAtt(template, "AWS::Lambda::Function", "HttpApiHttpFunction", "Arn")));
    }

    @Test
    void onlyThisDistributionMayCallTheUrlWithBothPermissionsLambdaAsksFor() {
        Template template = Synthesized.dev().template();
        Map<String, Object> distribution = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":cloudfront::", Map.of("Ref", "AWS::AccountId"), ":distribution/",
                ref(template, "AWS::CloudFront::Distribution", "WebSiteDistribution"))));

        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunctionUrl",
                "Principal", "cloudfront.amazonaws.com",
                "FunctionName", getAtt(template, "AWS::Lambda::Url", "HttpApiHttpLiveFunctionUrl", "FunctionArn"),
                "SourceArn", distribution));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "cloudfront.amazonaws.com",
                "FunctionName", ref(template, "AWS::Lambda::Alias", "HttpApiHttpLive"),
                "InvokedViaFunctionUrl", true,
                "SourceArn", distribution));
        assertThat(template.findResources("AWS::Lambda::Permission",
                Map.of("Properties", Map.of("Principal", "cloudfront.amazonaws.com")))).hasSize(2);
    }

    @Test
    void httpFunctionMayOnlyMakeTheCallsTheDynamoDbAdapterMakesOnTheTodoTable() {
        Template template = Synthesized.dev().template();

        assertThat(TemplateQueries.statementsOfRole(template, "HttpApiHttpRole")).contains(Map.of(
                "Effect", "Allow",
                // CDK sorts the actions.
                "Action", List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                        "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"),
                "Resource", getAtt(template, "AWS::DynamoDB::Table", "TodoTablesTodos", "Arn")), Map.of(
                "Effect", "Allow",
                "Action", "dynamodb:Query",
                "Resource", List.of(
                        Map.of("Fn::Join", List.of("", List.of(
                                getAtt(template, "AWS::DynamoDB::Table", "TodoTablesTodos", "Arn"), "/index/GSI1"))),
                        Map.of("Fn::Join", List.of("", List.of(
                                getAtt(template, "AWS::DynamoDB::Table", "TodoTablesTodos", "Arn"), "/index/GSI2"))))));
        assertThat(actionsOfRole(template, "HttpApiHttpRole")).containsExactlyInAnyOrder(
                "logs:CreateLogStream", "logs:PutLogEvents",
                "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:BatchWriteItem",
                "dynamodb:Query", "cloudwatch:PutMetricData");
    }
}
