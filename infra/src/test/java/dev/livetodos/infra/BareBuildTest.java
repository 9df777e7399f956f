package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.livetodos.infra.TemplateQueries.properties;
import static org.assertj.core.api.Assertions.assertThat;

/** A build without the browser app, with SnapStart switched off for the HTTP function ({@code -c httpColdStart=none}). */
class BareBuildTest {

    @Test
    void withoutABuiltWebAppTheSiteGetsOnlyItsConfigAndTheSynthSaysSo() {
        Synthesized bare = Synthesized.withoutWebAppOrSnapStartForHttp();

        bare.template().resourceCountIs("Custom::CDKBucketDeployment", 1);
        bare.template().hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "SystemMetadata", Map.of("cache-control", "no-store"), "Prune", false));
        assertThat(bare.annotations().findWarning("*", Match.stringLikeRegexp("The browser app is not built.*"))).hasSize(1);
        assertThat(Synthesized.dev().annotations().findWarning("*", Match.stringLikeRegexp("The browser app is not built.*"))).isEmpty();
    }

    @Test
    void httpColdStartNoneLeavesSnapStartOffForTheHttpFunctionOnly() {
        Template template = Synthesized.withoutWebAppOrSnapStartForHttp().template();

        assertThat(properties(template, "AWS::Lambda::Function", "HttpApiHttpFunction")).doesNotContainKey("SnapStart");
        for (String function : List.of("LiveChangesAuthorizeConnect", "LiveChangesConnect", "LiveChangesDisconnect", "LiveChangesMessage", "StreamProcessingTodoStream")) {
            assertThat(properties(template, "AWS::Lambda::Function", function + "Function")).as(function)
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
        }
        template.hasResourceProperties("AWS::Lambda::Url", Map.of("Qualifier", "live"));
    }
}
