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

    @Test
    void theConnectRouteIsGuardedByTheTicketAuthorizerWhichReadsTheTicketFromTheUrl() {
        Template template = Synthesized.dev().template();

        template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        Map.Entry<String, Map<String, Object>> authorizer = template.findResources("AWS::ApiGatewayV2::Authorizer")
                .entrySet().iterator().next();
        Map<String, Object> properties = TemplateQueries.map(authorizer.getValue().get("Properties"));
        assertThat(properties)
                .containsEntry("AuthorizerType", "REQUEST")
                .containsEntry("IdentitySource", List.of("route.request.querystring.ticket"))
                .containsEntry("ApiId", ref(template, "AWS::ApiGatewayV2::Api", "LiveChangesApi"));
        assertThat(TemplateQueries.refsIn(properties.get("AuthorizerUri")))
                .containsExactly(logicalId(template, "AWS::Lambda::Alias", "LiveChangesAuthorizeConnectLive"));

        assertThat(route(template, "$connect"))
                .containsEntry("AuthorizationType", "CUSTOM")
                .containsEntry("AuthorizerId", Map.of("Ref", authorizer.getKey()));
        for (String other : List.of("$disconnect", "$default")) {
            // API Gateway allows an authorizer on $connect only; the connection is authorized once.
            assertThat(route(template, other)).as(other).doesNotContainKey("AuthorizerId");
        }
    }

    @Test
    void apiGatewayMayInvokeTheAuthorizersLiveAliasForThisApiOnly() {
        Template template = Synthesized.dev().template();
        String alias = logicalId(template, "AWS::Lambda::Alias", "LiveChangesAuthorizeConnectLive");
        String api = logicalId(template, "AWS::ApiGatewayV2::Api", "LiveChangesApi");

        List<Map<String, Object>> permissions = template.findResources("AWS::Lambda::Permission").values().stream()
                .map(permission -> TemplateQueries.map(permission.get("Properties")))
                .filter(permission -> Map.of("Ref", alias).equals(permission.get("FunctionName")))
                .toList();

        assertThat(permissions).hasSize(1);
        assertThat(permissions.get(0))
                .containsEntry("Action", "lambda:InvokeFunction")
                .containsEntry("Principal", "apigateway.amazonaws.com");
        assertThat(TemplateQueries.refsIn(permissions.get(0).get("SourceArn"))).contains(api);
    }

    @Test
    void theAuthorizerMayOnlyDeleteFromTheTodoTableAndNeverPostsToConnections() {
        Template template = Synthesized.dev().template();

        assertThat(actionsOfRole(template, "LiveChangesAuthorizeConnectRole")).filteredOn(a -> a.startsWith("dynamodb:"))
                .containsExactly("dynamodb:DeleteItem");
        assertThat(TemplateQueries.statementsOfRole(template, "LiveChangesAuthorizeConnectRole")).contains(Map.of(
                "Effect", "Allow", "Action", "dynamodb:DeleteItem",
                "Resource", TemplateQueries.getAtt(template, "AWS::DynamoDB::Table", "TodoTablesTodos", "Arn")));
        assertThat(actionsOfRole(template, "LiveChangesAuthorizeConnectRole")).doesNotContain("execute-api:ManageConnections");
    }

    @Test
    void theAuthorizerChecksTheOriginAsConnectDoes() {
        Template template = Synthesized.dev().template();

        assertThat(TemplateQueries.environment(template, "LiveChangesAuthorizeConnect").get(LiveChanges.ALLOWED_ORIGINS))
                .isNotNull()
                .isEqualTo(TemplateQueries.environment(template, "LiveChangesConnect").get(LiveChanges.ALLOWED_ORIGINS));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMissingAuthorizerRuleIsSuppressedOnlyOnTheRoutesApiGatewayAllowsNoAuthorizerOn() {
        Template template = Synthesized.dev().template();

        List<String> suppressedOn = ((Map<String, Map<String, Object>>) template.toJSON().get("Resources")).entrySet().stream()
                .filter(resource -> {
                    Map<String, Object> metadata = (Map<String, Object>) resource.getValue().getOrDefault("Metadata", Map.of());
                    Map<String, Object> nag = (Map<String, Object>) metadata.getOrDefault("cdk_nag", Map.of());
                    return ((List<Map<String, Object>>) nag.getOrDefault("rules_to_suppress", List.of())).stream()
                            .anyMatch(rule -> "AwsSolutions-APIG4".equals(rule.get("id")));
                })
                // (The integrations under those routes inherit it; APIG4 is not about them.)
                .filter(resource -> List.of("AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Authorizer", "AWS::ApiGatewayV2::Route",
                        "AWS::ApiGatewayV2::Stage").contains(resource.getValue().get("Type")))
                .map(resource -> resource.getValue().get("Type") + " "
                        + TemplateQueries.map(resource.getValue().get("Properties")).getOrDefault("RouteKey", ""))
                .toList();

        // Not on the API, its authorizer or $connect: cdk-nag checks those, and they pass.
        assertThat(suppressedOn).containsExactlyInAnyOrder("AWS::ApiGatewayV2::Route $disconnect", "AWS::ApiGatewayV2::Route $default");
    }

    private static Map<String, Object> route(Template template, String routeKey) {
        Map<String, Object> route = template.findResources("AWS::ApiGatewayV2::Route",
                Map.of("Properties", Map.of("RouteKey", routeKey))).values().iterator().next();
        return TemplateQueries.map(route.get("Properties"));
    }
}
