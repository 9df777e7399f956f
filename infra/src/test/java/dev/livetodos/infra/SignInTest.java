package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.livetodos.infra.TemplateQueries.actionsOfRole;
import static dev.livetodos.infra.TemplateQueries.environment;
import static dev.livetodos.infra.TemplateQueries.getAtt;
import static dev.livetodos.infra.TemplateQueries.properties;
import static dev.livetodos.infra.TemplateQueries.ref;
import static dev.livetodos.infra.TemplateQueries.resource;
import static org.assertj.core.api.Assertions.assertThat;

class SignInTest {

    /** A pre token generation event (version 2) as Cognito sends it after a managed login sign-in. */
    private static final String TOKEN_GENERATION_EVENT = """
            {"version":"2","triggerSource":"TokenGeneration_HostedAuth","region":"eu-west-1",
             "userPoolId":"eu-west-1_EXAMPLE","userName":"a36036a8-9061-424d-a737-56d57dae7bbc",
             "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"1example23456789"},
             "request":{"userAttributes":{"sub":"a36036a8-9061-424d-a737-56d57dae7bbc","cognito:user_status":"CONFIRMED",
               "email_verified":"true","name":"Ada Lovelace","email":"ada@example.com"},
               "groupConfiguration":{"groupsToOverride":[],"iamRolesToOverride":[],"preferredRole":null},
               "scopes":["openid","profile","email","livetodos/api"]},
             "response":{"claimsAndScopeOverrideDetails":null}}""";

    @Test
    void peopleSignThemselvesUpWithNameAndVerifiedEmailAndAStrongPassword() {
        Map<String, Object> pool = properties(Synthesized.dev().template(), "AWS::Cognito::UserPool", "SignInUsers");

        assertThat(pool)
                .containsEntry("AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", false))
                .containsEntry("UsernameAttributes", List.of("email"))
                .containsEntry("UsernameConfiguration", Map.of("CaseSensitive", false))
                .containsEntry("AutoVerifiedAttributes", List.of("email"))
                .containsEntry("UserAttributeUpdateSettings", Map.of("AttributesRequireVerificationBeforeUpdate", List.of("email")))
                .containsEntry("Schema", List.of(
                        Map.of("Name", "email", "Required", true, "Mutable", true),
                        Map.of("Name", "name", "Required", true, "Mutable", true)))
                .containsEntry("AccountRecoverySetting", Map.of("RecoveryMechanisms", List.of(
                        Map.of("Name", "verified_email", "Priority", 1))))
                .containsEntry("Policies", Map.of("PasswordPolicy", Map.of("MinimumLength", 12,
                        "RequireLowercase", true, "RequireUppercase", true, "RequireNumbers", true, "RequireSymbols", true,
                        "PasswordHistorySize", 5, "TemporaryPasswordValidityDays", 3)));
    }

    @Test
    void threatProtectionIsEnforcedAndASecondFactorIsOptional() {
        Map<String, Object> pool = properties(Synthesized.dev().template(), "AWS::Cognito::UserPool", "SignInUsers");

        assertThat(pool)
                .containsEntry("UserPoolTier", "PLUS")
                .containsEntry("UserPoolAddOns", Map.of("AdvancedSecurityMode", "ENFORCED"))
                .containsEntry("MfaConfiguration", "OPTIONAL")
                .containsEntry("EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"));
    }

    @Test
    void prodKeepsThePeopleWhenTheStackGoesAndDevThrowsThemAway() {
        Map<String, Object> prod = resource(Synthesized.prod().template(), "AWS::Cognito::UserPool", "SignInUsers");
        Map<String, Object> dev = resource(Synthesized.dev().template(), "AWS::Cognito::UserPool", "SignInUsers");

        assertThat(prod).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(TemplateQueries.map(prod.get("Properties"))).containsEntry("DeletionProtection", "ACTIVE");
        assertThat(dev).containsEntry("DeletionPolicy", "Delete");
        assertThat(TemplateQueries.map(dev.get("Properties"))).containsEntry("DeletionProtection", "INACTIVE");
    }

    @Test
    void managedLoginRunsOnAPrefixDomainOfThisStackWithCognitosOwnStyleForThePage() {
        Template template = Synthesized.dev().template();
        Map<String, Object> pool = ref(template, "AWS::Cognito::UserPool", "SignInUsers");
        Map<String, Object> stackUuid = Map.of("Fn::Select", List.of(2, Map.of("Fn::Split", List.of("/", Map.of("Ref", "AWS::StackId")))));
        Map<String, Object> endOfStackId = Map.of("Fn::Select", List.of(4, Map.of("Fn::Split", List.of("-", stackUuid))));

        assertThat(properties(template, "AWS::Cognito::UserPoolDomain", "SignInUsersManagedLogin"))
                .containsEntry("ManagedLoginVersion", 2)
                .containsEntry("UserPoolId", pool)
                .containsEntry("Domain", Map.of("Fn::Join", List.of("", List.of("livetodos-dev-", endOfStackId))));
        assertThat(properties(template, "AWS::Cognito::ManagedLoginBranding", "SignInPageBranding"))
                .containsEntry("UserPoolId", pool)
                .containsEntry("ClientId", ref(template, "AWS::Cognito::UserPoolClient", "SignInUsersPage"))
                .containsEntry("UseCognitoProvidedValues", true);
    }

    @Test
    void thePagesClientIsPublicUsesTheCodeFlowOnlyAndReturnsOnlyToTheSite() {
        Template template = Synthesized.dev().template();
        Map<String, Object> site = Map.of("Fn::GetAtt", List.of(
                TemplateQueries.logicalId(template, "AWS::CloudFront::Distribution", "WebSiteDistribution"), "DomainName"));

        template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        // Public (no secret) and the code flow alone: the page must prove itself with PKCE.
        assertThat(properties(template, "AWS::Cognito::UserPoolClient", "SignInUsersPage"))
                .containsEntry("GenerateSecret", false)
                .containsEntry("AllowedOAuthFlowsUserPoolClient", true)
                .containsEntry("AllowedOAuthFlows", List.of("code"))
                .containsEntry("ExplicitAuthFlows", List.of("ALLOW_USER_SRP_AUTH"))
                .containsEntry("SupportedIdentityProviders", List.of("COGNITO"))
                .containsEntry("CallbackURLs", List.of(
                        Map.of("Fn::Join", List.of("", List.of("https://", site, "/"))),
                        Map.of("Fn::Join", List.of("", List.of("https://", site, "/silent-renew.html")))))
                .containsEntry("LogoutURLs", List.of(Map.of("Fn::Join", List.of("", List.of("https://", site, "/")))))
                .containsEntry("PreventUserExistenceErrors", "ENABLED")
                .containsEntry("EnableTokenRevocation", true);
    }

    @Test
    void tokensLastAnHourAndEveryRenewalRotatesTheRefreshToken() {
        assertThat(properties(Synthesized.dev().template(), "AWS::Cognito::UserPoolClient", "SignInUsersPage"))
                .containsEntry("AccessTokenValidity", 60)
                .containsEntry("IdTokenValidity", 60)
                .containsEntry("RefreshTokenValidity", 30 * 24 * 60)
                .containsEntry("TokenValidityUnits", Map.of("AccessToken", "minutes", "IdToken", "minutes", "RefreshToken", "minutes"))
                .containsEntry("RefreshTokenRotation", Map.of("Feature", "ENABLED", "RetryGracePeriodSeconds", 60));
    }

    @Test
    void onlyThePagesClientMayAskForTheApiScope() {
        Template template = Synthesized.dev().template();

        assertThat(properties(template, "AWS::Cognito::UserPoolResourceServer", "SignInUsersApi"))
                .containsEntry("Identifier", "livetodos")
                .containsEntry("Scopes", List.of(Map.of("ScopeName", "api", "ScopeDescription", "Read and change your lists")));
        assertThat(properties(template, "AWS::Cognito::UserPoolClient", "SignInUsersPage"))
                .containsEntry("AllowedOAuthScopes", List.of("openid", "profile", "email", Map.of("Fn::Join", List.of("", List.of(
                        ref(template, "AWS::Cognito::UserPoolResourceServer", "SignInUsersApi"), "/api")))));
    }

    @Test
    void theHttpAndWebSocketFunctionsAcceptThisPoolsTokensForTheApi() {
        Template template = Synthesized.dev().template();
        Map<String, Object> issuer = getAtt(template, "AWS::Cognito::UserPool", "SignInUsers", "ProviderURL");

        for (String function : List.of("HttpApiHttp", "LiveChangesAuthorizeConnect", "LiveChangesConnect", "LiveChangesDisconnect", "LiveChangesMessage")) {
            assertThat(environment(template, function + "Function")).as(function)
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer)
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                            Map.of("Fn::Join", List.of("", List.of(issuer, "/.well-known/jwks.json"))))
                    .containsEntry("LIVETODOS_SECURITY_REQUIRED_SCOPE", "livetodos/api");
        }
        assertThat(environment(template, "StreamProcessingTodoStreamFunction"))
                .doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        // Only the HTTP function is reached through CloudFront, which moves the token.
        assertThat(environment(template, "LiveChangesConnectFunction")).doesNotContainKey(HttpApi.TOKEN_HEADER_SETTING);
    }

    @Test
    void accessTokensGetTheirClaimsFromATriggerThatMayOnlyWriteItsLogs() {
        Template template = Synthesized.dev().template();
        Map<String, Object> trigger = getAtt(template, "AWS::Lambda::Function", "SignInAccessTokenClaims", "Arn");

        assertThat(properties(template, "AWS::Cognito::UserPool", "SignInUsers")).containsEntry("LambdaConfig",
                Map.of("PreTokenGenerationConfig", Map.of("LambdaArn", trigger, "LambdaVersion", "V2_0")));
        assertThat(properties(template, "AWS::Lambda::Function", "SignInAccessTokenClaims"))
                .containsEntry("Runtime", "nodejs24.x")
                .containsEntry("Handler", "index.handler")
                .containsEntry("Code", Map.of("ZipFile", WebSite.resource("cognito/access-token-claims.js")))
                .containsEntry("LoggingConfig", Map.of("LogGroup", ref(template, "AWS::Logs::LogGroup", "SignInAccessTokenClaimsLogs")));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "cognito-idp.amazonaws.com", "FunctionName", trigger,
                "SourceArn", getAtt(template, "AWS::Cognito::UserPool", "SignInUsers", "Arn")));
        assertThat(actionsOfRole(template, "SignInAccessTokenClaimsRole"))
                .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
    }

    @Test
    void theTriggerPutsThePersonsNameAndEmailIntoTheAccessTokenOnly() throws Exception {
        String response = runTrigger(TOKEN_GENERATION_EVENT);

        assertThat(response).isEqualTo("{\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                + "{\"claimsToAddOrOverride\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}}}}");
    }

    @Test
    void givenAPersonWithoutAName_thenTheTriggerAddsOnlyTheEmail() throws Exception {
        String response = runTrigger(TOKEN_GENERATION_EVENT.replace("\"name\":\"Ada Lovelace\",", ""));

        assertThat(response).isEqualTo("{\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                + "{\"claimsToAddOrOverride\":{\"email\":\"ada@example.com\"}}}}");
    }

    @Test
    void theStackNamesTheIssuerTheClientAndTheSignInPages() {
        Template template = Synthesized.dev().template();

        template.hasOutput("Issuer", Map.of("Value", getAtt(template, "AWS::Cognito::UserPool", "SignInUsers", "ProviderURL")));
        template.hasOutput("ClientId", Map.of("Value", ref(template, "AWS::Cognito::UserPoolClient", "SignInUsersPage")));
        template.hasOutput("SignInUrl", Map.of("Value", Match.objectLike(Map.of("Fn::Join", Match.anyValue()))));
    }

    /** Runs the trigger's file as Lambda's Node.js runtime would (CommonJS, async handler) and returns its event's response. */
    private static String runTrigger(String event) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("cognito-trigger");
        Path code = dir.resolve("index.js");
        Files.writeString(code, WebSite.resource("cognito/access-token-claims.js"));
        Path input = dir.resolve("event.json");
        Files.writeString(input, event);
        String harness = """
                const fs = require('fs');
                const handler = require(process.argv[1]).handler;
                handler(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')))
                    .then(result => process.stdout.write(JSON.stringify(result.response)));
                """;
        Process node = new ProcessBuilder("node", "-e", harness, code.toString(), input.toString()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        return output;
    }
}
