package dev.livetodos.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;

import java.util.Map;

/**
 * The CDK app: {@code cd infra && npx aws-cdk@2 deploy -c stage=dev} (or {@code prod}). Context:
 * {@code stage} (dev), {@code httpColdStart} (snapstart|none) and the asset paths of
 * {@link AssetPaths}. Every synth runs the cdk-nag AwsSolutions checks; a finding that is neither
 * fixed nor suppressed with a reason fails it.
 */
public final class LivetodosApp {

    /**
     * CDK behaviours that are opt-in for compatibility, set here so that the CLI and the tests
     * synthesize the same template (cdk.json context would reach only the CLI).
     */
    static final Map<String, Object> FEATURE_FLAGS = Map.of(
            // A new layer version (a Web Adapter upgrade) publishes a new function version.
            "@aws-cdk/aws-lambda:recognizeLayerVersion", true,
            // Merge identical policy statements instead of piling them up.
            "@aws-cdk/aws-iam:minimizePolicies", true,
            "@aws-cdk/core:enablePartitionLiterals", true);

    private LivetodosApp() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        App app = new App(AppProps.builder().context(FEATURE_FLAGS).build());
        LivetodosStack stack = define(app);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
        // On stderr: the CDK CLI reads nothing from the app's output, and Maven shows it.
        System.err.printf("livetodos: synthesized %s into %s in %.1f s%n",
                stack.getStackName(), app.getOutdir(), (System.nanoTime() - start) / 1e9);
    }

    /** The stack for the stage, code and settings that the app's context names. */
    static LivetodosStack define(App app) {
        Stage stage = Stage.fromContext(app.getNode());
        AssetPaths assets = AssetPaths.fromContext(app.getNode()).requireLambdaCode();
        return new LivetodosStack(app, "Livetodos-" + stage.id(), stage, assets, HttpColdStart.fromContext(app.getNode()));
    }
}
