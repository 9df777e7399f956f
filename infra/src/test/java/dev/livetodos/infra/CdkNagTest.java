package dev.livetodos.infra;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** cdk-nag's AwsSolutions pack on both stages: every finding is fixed or suppressed with a reason. */
class CdkNagTest {

    /** The rules this app suppresses somewhere, each with its reason next to the construct it is about. */
    private static final Set<String> SUPPRESSED_RULES = Set.of(
            "AwsSolutions-APIG1", "AwsSolutions-APIG4", "AwsSolutions-CFR1", "AwsSolutions-CFR2", "AwsSolutions-CFR3",
            "AwsSolutions-CFR4", "AwsSolutions-COG2", "AwsSolutions-DDB3", "AwsSolutions-IAM4", "AwsSolutions-IAM5", "AwsSolutions-L1",
            "AwsSolutions-S1", "AwsSolutions-SQS3");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noFindingIsLeftUnsuppressed(String stage) {
        Synthesized synthesized = stage.equals("dev") ? Synthesized.dev() : Synthesized.prod();

        List<SynthesisMessage> errors = synthesized.annotations().findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = synthesized.annotations().findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        assertThat(errors).extracting(message -> message.getId() + " " + message.getEntry().getData()).isEmpty();
        assertThat(warnings).extracting(message -> message.getId() + " " + message.getEntry().getData()).isEmpty();
        assertThat(synthesized.annotations().findWarning("*", Match.anyValue())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void everySuppressionSaysWhy(String stage) {
        Synthesized synthesized = stage.equals("dev") ? Synthesized.dev() : Synthesized.prod();
        Set<String> rules = new TreeSet<>();
        Set<String> distinct = new TreeSet<>();

        synthesized.template().toJSON().entrySet().stream()
                .filter(section -> section.getKey().equals("Resources"))
                .flatMap(section -> ((Map<String, Map<String, Object>>) section.getValue()).entrySet().stream())
                .forEach(resource -> {
                    Map<String, Object> metadata = (Map<String, Object>) resource.getValue().getOrDefault("Metadata", Map.of());
                    Map<String, Object> nag = (Map<String, Object>) metadata.getOrDefault("cdk_nag", Map.of());
                    for (Map<String, Object> suppression : (List<Map<String, Object>>) nag.getOrDefault("rules_to_suppress", List.of())) {
                        String rule = (String) suppression.get("id");
                        String reason = (String) suppression.get("reason");
                        rules.add(rule);
                        assertThat(reason).as("%s on %s", rule, resource.getKey()).hasSizeGreaterThan(50);
                        distinct.add(rule + ": " + reason
                                + (suppression.containsKey("applies_to") ? " [only " + suppression.get("applies_to") + "]" : ""));
                    }
                });

        assertThat(rules).containsExactlyInAnyOrderElementsOf(SUPPRESSED_RULES);
        System.out.printf("cdk-nag suppressions in %s (each on its construct and the resources under it):%n  %s%n",
                stage, String.join("\n  ", distinct));
    }
}
