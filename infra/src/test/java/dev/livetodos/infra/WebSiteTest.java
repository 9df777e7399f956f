package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.livetodos.infra.TemplateQueries.getAtt;
import static dev.livetodos.infra.TemplateQueries.logicalId;
import static dev.livetodos.infra.TemplateQueries.properties;
import static dev.livetodos.infra.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

class WebSiteTest {

    /** CloudFront's managed policies, by their fixed ids. */
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    @Test
    void bucketIsPrivateEncryptedAndRefusesPlainHttp() {
        Template template = Synthesized.dev().template();

        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Map.of("Action", "s3:*", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")), "Resource", Match.anyValue()))))));
    }

    @Test
    void onlyThisDistributionMayReadTheBucket() {
        Template template = Synthesized.dev().template();

        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Map.of("Action", "s3:GetObject", "Effect", "Allow", "Principal", Map.of("Service", "cloudfront.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", Map.of("Fn::Join", List.of("", List.of(
                                "arn:", Map.of("Ref", "AWS::Partition"), ":cloudfront::", Map.of("Ref", "AWS::AccountId"),
                                ":distribution/", ref(template, "AWS::CloudFront::Distribution", "WebSiteDistribution")))))),
                        "Resource", Match.anyValue()))))));
    }

    @Test
    void bothOriginsAreReachedOnlyThroughOriginAccessControl() {
        Template template = Synthesized.dev().template();
        Map<String, Object> config = distributionConfig(template);

        template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of("OriginAccessControlConfig", Map.of(
                "OriginAccessControlOriginType", "s3", "SigningBehavior", "always", "SigningProtocol", "sigv4")));
        template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of("OriginAccessControlConfig", Map.of(
                "OriginAccessControlOriginType", "lambda", "SigningBehavior", "always", "SigningProtocol", "sigv4")));
        assertThat((List<?>) config.get("Origins")).hasSize(2)
                .allSatisfy(origin -> assertThat(TemplateQueries.map(origin)).containsKey("OriginAccessControlId"));
    }

    @Test
    void siteIsTheDefaultBehaviorWithItsPageForItsOwnRoutesAndNoDistributionWideErrorPages() {
        Template template = Synthesized.dev().template();
        Map<String, Object> config = distributionConfig(template);

        assertThat(config).containsEntry("DefaultRootObject", "index.html").doesNotContainKey("CustomErrorResponses");
        assertThat(TemplateQueries.map(config.get("DefaultCacheBehavior")))
                .containsEntry("ViewerProtocolPolicy", "redirect-to-https")
                .containsEntry("CachePolicyId", CACHING_OPTIMIZED)
                .containsEntry("ResponseHeadersPolicyId", ref(template, "AWS::CloudFront::ResponseHeadersPolicy", "WebSiteSecurityHeaders"))
                .containsEntry("FunctionAssociations", List.of(Map.of("EventType", "viewer-request",
                        "FunctionARN", getAtt(template, "AWS::CloudFront::Function", "WebSiteSpaFallback", "FunctionARN"))));
    }

    @Test
    void apiBehaviorPassesEveryMethodUncachedToTheFunctionUrl() {
        Template template = Synthesized.dev().template();
        Map<String, Object> config = distributionConfig(template);

        assertThat((List<?>) config.get("CacheBehaviors")).hasSize(1);
        assertThat(TemplateQueries.map(((List<?>) config.get("CacheBehaviors")).get(0)))
                .containsEntry("PathPattern", "/api/*")
                .containsEntry("ViewerProtocolPolicy", "https-only")
                .containsEntry("AllowedMethods", List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"))
                .containsEntry("CachePolicyId", CACHING_DISABLED)
                .containsEntry("OriginRequestPolicyId", ALL_VIEWER_EXCEPT_HOST_HEADER)
                .containsEntry("ResponseHeadersPolicyId", ref(template, "AWS::CloudFront::ResponseHeadersPolicy", "WebSiteSecurityHeaders"))
                .containsEntry("FunctionAssociations", List.of(Map.of("EventType", "viewer-request",
                        "FunctionARN", getAtt(template, "AWS::CloudFront::Function", "WebSiteApiRequest", "FunctionARN"))));
    }

    @Test
    void theMovedBearerTokenReachesTheFunctionUrlInTheHeaderTheServerReads() {
        Template template = Synthesized.dev().template();
        Map<String, Object> api = TemplateQueries.map(((List<?>) distributionConfig(template).get("CacheBehaviors")).get(0));

        // All viewer headers but Host, as the viewer-request function leaves them: ours is among them,
        // Authorization never is (no origin request policy may forward it; origin access control signs it).
        assertThat(api).containsEntry("OriginRequestPolicyId", ALL_VIEWER_EXCEPT_HOST_HEADER)
                .containsEntry("CachePolicyId", CACHING_DISABLED);
        assertThat((String) properties(template, "AWS::CloudFront::Function", "WebSiteApiRequest").get("FunctionCode"))
                .contains("var TOKEN_HEADER = '" + WebSite.TOKEN_HEADER.toLowerCase(java.util.Locale.ROOT) + "';");
        assertThat(TemplateQueries.environment(template, "HttpApiHttpFunction"))
                .containsEntry(HttpApi.TOKEN_HEADER_SETTING, "X-Livetodos-Authorization");
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndThePageMayConnectOnlyToItsOwnWebSocketAndCognito() {
        Template template = Synthesized.dev().template();
        String api = logicalId(template, "AWS::ApiGatewayV2::Api", "LiveChangesApi");
        String domain = logicalId(template, "AWS::Cognito::UserPoolDomain", "SignInUsersManagedLogin");

        template.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Map.of("ResponseHeadersPolicyConfig", Map.of(
                "SecurityHeadersConfig", Map.of(
                        "ContentSecurityPolicy", Map.of("Override", true, "ContentSecurityPolicy", Map.of("Fn::Join", List.of("", List.of(
                                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' wss://",
                                Map.of("Ref", api), ".execute-api.", Map.of("Ref", "AWS::Region"), ".", Map.of("Ref", "AWS::URLSuffix"),
                                " https://cognito-idp.", Map.of("Ref", "AWS::Region"), ".", Map.of("Ref", "AWS::URLSuffix"),
                                " https://", Map.of("Ref", domain), ".auth.", Map.of("Ref", "AWS::Region"), ".amazoncognito.com"
                                        + " data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")))),
                        "ContentTypeOptions", Map.of("Override", true),
                        "FrameOptions", Map.of("FrameOption", "DENY", "Override", true),
                        "ReferrerPolicy", Map.of("ReferrerPolicy", "no-referrer", "Override", true),
                        "StrictTransportSecurity", Map.of("AccessControlMaxAgeSec", 31_536_000, "IncludeSubdomains", true,
                                "Override", true)))));
    }

    @Test
    void hashedFilesAreKeptAYearTheRestRevalidatedAndTheConfigNeverStored() {
        Template template = Synthesized.dev().template();

        template.resourceCountIs("Custom::CDKBucketDeployment", 3);
        template.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "DestinationBucketKeyPrefix", "assets/", "Prune", false,
                "SystemMetadata", Map.of("cache-control", "public, max-age=31536000, immutable")));
        template.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "DestinationBucketKeyPrefix", Match.absent(), "Prune", true, "Exclude", List.of("assets/*", "config.json"),
                "SystemMetadata", Map.of("cache-control", "no-cache")));
        template.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "Prune", false, "SystemMetadata", Map.of("cache-control", "no-store")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void configTellsThePageTheApiPathThisStacksWebSocketUrlAndWhoSignsPeopleIn() throws IOException {
        Synthesized dev = Synthesized.dev();
        Template template = dev.template();
        String api = logicalId(template, "AWS::ApiGatewayV2::Api", "LiveChangesApi");
        String pool = logicalId(template, "AWS::Cognito::UserPool", "SignInUsers");
        String domain = logicalId(template, "AWS::Cognito::UserPoolDomain", "SignInUsersManagedLogin");
        Map<String, Object> deployment = template.findResources("Custom::CDKBucketDeployment", Map.of("Properties",
                Map.of("SystemMetadata", Map.of("cache-control", "no-store")))).values().iterator().next();
        Map<String, Object> properties = (Map<String, Object>) deployment.get("Properties");
        String assetZip = ((List<String>) properties.get("SourceObjectKeys")).get(0);
        Path asset = Path.of(((App) dev.stack().getNode().getRoot()).getOutdir())
                .resolve("asset." + assetZip.replace(".zip", "")).resolve("config.json");

        String config = Files.readString(asset);
        Map<String, Object> markers = ((List<Map<String, Object>>) properties.get("SourceMarkers")).get(0);

        // The deployment puts each quoted value where its marker is.
        assertThat(config).isEqualTo("{\"apiUrl\":\"/api\",\"webSocketUrl\":<<marker:0xbaba:0>>,"
                + "\"issuer\":<<marker:0xbaba:1>>,\"clientId\":<<marker:0xbaba:2>>,"
                + "\"scope\":\"openid profile email livetodos/api\",\"signOutUrl\":<<marker:0xbaba:3>>}");
        assertThat(markers).containsOnly(
                Map.entry("<<marker:0xbaba:0>>", Map.of("Fn::Join", List.of("", List.of(
                        "\"wss://", Map.of("Ref", api), ".execute-api.", Map.of("Ref", "AWS::Region"), ".",
                        Map.of("Ref", "AWS::URLSuffix"), "/dev\"")))),
                Map.entry("<<marker:0xbaba:1>>", Map.of("Fn::Join", List.of("", List.of(
                        "\"", Map.of("Fn::GetAtt", List.of(pool, "ProviderURL")), "\"")))),
                Map.entry("<<marker:0xbaba:2>>", Map.of("Fn::Join", List.of("", List.of(
                        "\"", ref(template, "AWS::Cognito::UserPoolClient", "SignInUsersPage"), "\"")))),
                Map.entry("<<marker:0xbaba:3>>", Map.of("Fn::Join", List.of("", List.of(
                        "\"https://", Map.of("Ref", domain), ".auth.", Map.of("Ref", "AWS::Region"),
                        ".amazoncognito.com/logout\"")))));
    }

    @Test
    void stackNamesTheSiteTheApiAndTheWebSocket() {
        Template template = Synthesized.prod().template();
        String distribution = logicalId(template, "AWS::CloudFront::Distribution", "WebSiteDistribution");
        String api = logicalId(template, "AWS::ApiGatewayV2::Api", "LiveChangesApi");
        Map<String, Object> domain = Map.of("Fn::GetAtt", List.of(distribution, "DomainName"));

        template.hasOutput("SiteUrl", Map.of("Value", Map.of("Fn::Join", List.of("", List.of("https://", domain)))));
        template.hasOutput("ApiUrl", Map.of("Value", Map.of("Fn::Join", List.of("", List.of("https://", domain, "/api")))));
        template.hasOutput("WebSocketUrl", Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                "wss://", Map.of("Ref", api), ".execute-api.", Map.of("Ref", "AWS::Region"), ".",
                Map.of("Ref", "AWS::URLSuffix"), "/prod")))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> distributionConfig(Template template) {
        return (Map<String, Object>) properties(template, "AWS::CloudFront::Distribution", "WebSiteDistribution")
                .get("DistributionConfig");
    }
}
