package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.livetodos.infra.TemplateQueries.actionsOfRole;
import static dev.livetodos.infra.TemplateQueries.logicalId;
import static dev.livetodos.infra.TemplateQueries.properties;
import static dev.livetodos.infra.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

class LiveChangesTest {

    @Test
    void eachRouteCallsItsFunctionsLiveAlias() {
        Template template = Synthesized.dev().template();
        Map<String, String> routes = Map.of("$connect", "LiveChangesConnect", "$disconnect", "LiveChangesDisconnect",
                "$default", "LiveChangesMessage");

        template.resourceCountIs("AWS::ApiGatewayV2::Route", routes.size());
        routes.forEach((routeKey, function) -> {
            Map<String, Object> route = template.findResources("AWS::ApiGatewayV2::Route",
                    Map.of("Properties", Map.of("RouteKey", routeKey))).values().iterator().next();
            List<String> target = TemplateQueries.refsIn(((Map<?, ?>) route.get("Properties")).get("Target"));
            assertThat(target).as(routeKey).hasSize(1);
            assertThat(properties(template, "AWS::ApiGatewayV2::Integration", target.get(0))).as(routeKey)
                    .containsEntry("IntegrationType", "AWS_PROXY")
                    .containsEntry("IntegrationUri", Map.of("Fn::Join", List.of("", List.of(
                            "arn:", Map.of("Ref", "AWS::Partition"), ":apigateway:", Map.of("Ref", "AWS::Region"),
                            ":lambda:path/2015-03-31/functions/", ref(template, "AWS::Lambda::Alias", function + "Live"),
                            "/invocations"))));
        });
    }

    @Test
    void stageIsNamedForTheDeploymentAndThrottled() {
        Template template = Synthesized.prod().template();

        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "prod",
                "AutoDeploy", true,
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", LiveChanges.THROTTLE_RATE,
                        "ThrottlingBurstLimit", LiveChanges.THROTTLE_BURST)));
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "WEBSOCKET"));
    }

    @Test
    void onlyTheFunctionsThatSendMayPostToConnectionsAndOnlyOnThisStage() {
        Template template = Synthesized.dev().template();
        String api = logicalId(template, "AWS::ApiGatewayV2::Api", "LiveChangesApi");

        assertThat(actionsOfRole(template, "LiveChangesMessageRole")).contains("execute-api:ManageConnections");
        assertThat(actionsOfRole(template, "StreamProcessingTodoStreamRole")).contains("execute-api:ManageConnections");
        assertThat(actionsOfRole(template, "LiveChangesConnectRole")).doesNotContain("execute-api:ManageConnections");
        assertThat(actionsOfRole(template, "LiveChangesDisconnectRole")).doesNotContain("execute-api:ManageConnections");
        assertThat(actionsOfRole(template, "HttpApiHttpRole")).doesNotContain("execute-api:ManageConnections");
        assertThat(TemplateQueries.statementsOfRole(template, "StreamProcessingTodoStreamRole")).contains(Map.of(
                "Effect", "Allow", "Action", "execute-api:ManageConnections",
                "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":execute-api:",
                        Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":", Map.of("Ref", api),
                        "/dev/*/@connections/*")))));
    }

    @Test
    void connectionTableAccessIsTheOneCallEachFunctionMakes() {
        Template template = Synthesized.dev().template();

        assertThat(actionsOfRole(template, "LiveChangesConnectRole")).filteredOn(a -> a.startsWith("dynamodb:"))
                .containsExactly("dynamodb:PutItem");
        assertThat(actionsOfRole(template, "LiveChangesDisconnectRole")).filteredOn(a -> a.startsWith("dynamodb:"))
                .containsExactly("dynamodb:DeleteItem");
        assertThat(actionsOfRole(template, "LiveChangesMessageRole")).filteredOn(a -> a.startsWith("dynamodb:"))
                .containsExactly("dynamodb:DeleteItem");
    }

    @Test
    void onlyPagesOfTheSiteMayConnect() {
        Template template = Synthesized.dev().template();
        String distribution = logicalId(template, "AWS::CloudFront::Distribution", "WebSiteDistribution");

        assertThat(TemplateQueries.environment(template, "LiveChangesConnect")).containsEntry(LiveChanges.ALLOWED_ORIGINS,
                Map.of("Fn::Join", List.of("", List.of("https://", Map.of("Fn::GetAtt", List.of(distribution, "DomainName"))))));
        assertThat(TemplateQueries.environment(template, "LiveChangesDisconnect")).doesNotContainKey(LiveChanges.ALLOWED_ORIGINS);
    }
}
