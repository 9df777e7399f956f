package dev.livetodos.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.constructs.IConstruct;

import java.util.List;

/** cdk-nag suppressions, each with the reason it is right here; they apply to the construct and its children. */
final class Nag {

    private Nag() {
    }

    static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    /** Only for the findings about these exact actions or resources (as cdk-nag names them). */
    static void suppress(IConstruct construct, String rule, String reason, List<String> appliesTo) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).appliesTo(List.copyOf(appliesTo)).build()), true);
    }

    /** Only for the findings whose action or resource (as cdk-nag names them) matches this JavaScript regex. */
    static void suppressMatching(IConstruct construct, String rule, String reason, String regex) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason)
                        .appliesTo(List.of(RegexAppliesTo.builder().regex(regex).build())).build()), true);
    }
}
