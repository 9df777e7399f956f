package dev.livetodos.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.VersionOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One livetodos Lambda function on Java 21: its own log group with a retention, its own role that
 * may write only to that log group (grants add the rest), and the {@code live} alias on the current
 * version, which is what every caller uses (SnapStart only ever runs published versions).
 */
final class JavaFunction extends Construct {

    static final String ALIAS = "live";
    /**
     * Every function logs one JSON object per line (Spring Boot's structured logging, Elastic Common
     * Schema, with trace and span ids), which CloudWatch Logs Insights queries by field. Prometheus has
     * no one to scrape it on Lambda: its registry is off (the CloudWatch one is on where
     * {@link Monitoring#publishMetrics} says so).
     */
    static final Map<String, String> OBSERVABILITY = Map.of(
            "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
            "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_ENABLED", "false");
    static final Runtime RUNTIME = Runtime.JAVA_21;

    private final Function function;
    private final Alias alias;

    record Settings(String description, Code code, String handler, Map<String, String> environment,
                    List<ILayerVersion> layers, int memoryMb, Duration timeout, boolean snapStart, Stage stage) {
    }

    JavaFunction(Construct scope, String id, Settings settings) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(settings.stage().logRetention())
                .removalPolicy(settings.stage().dataRemovalPolicy())
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("livetodos " + id + ": its own log group; the rest comes from grants")
                .build();
        logs.grantWrite(role);

        Function.Builder builder = Function.Builder.create(this, "Function")
                .description(settings.description())
                .runtime(RUNTIME)
                .architecture(Architecture.X86_64)
                .code(settings.code())
                .handler(settings.handler())
                // Sorted: Map.of iterates in a different order in every JVM, and the order reaches the template.
                .environment(environment(settings))
                .layers(settings.layers())
                .memorySize(settings.memoryMb())
                .timeout(settings.timeout())
                .role(role)
                .logGroup(logs)
                // A new version on every code or configuration change; the replaced one is deleted
                // once the alias has moved on, so old versions (and their snapshots) do not pile up.
                .currentVersionOptions(VersionOptions.builder().removalPolicy(RemovalPolicy.DESTROY).build());
        if (settings.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        function = builder.build();
        if (settings.snapStart()) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "Every caller uses the live alias, which points at the published current version.");
        }
        // Lambda writes to the log group through the role: let the role's policy exist first.
        function.getNode().addDependency(role);
        alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();

        Nag.suppress(this, "AwsSolutions-L1",
                "Java 21 is the runtime livetodos is built and tested for (issue 5); SnapStart supports it. "
                        + "Moving to a newer Java runtime is an application change, not an infrastructure one.");
    }

    private static Map<String, String> environment(Settings settings) {
        Map<String, String> environment = new TreeMap<>(OBSERVABILITY);
        environment.putAll(settings.environment());
        return environment;
    }

    Function function() {
        return function;
    }

    /** What callers invoke: the published version that SnapStart restores. */
    Alias alias() {
        return alias;
    }
}
