package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.constructs.Node;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetPathsTest {

    @Test
    void defaultsAreTheBuildsOutputsSeenFromInfra() {
        AssetPaths paths = AssetPaths.fromContext(context(Map.of()));

        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(paths.lambdaJar()).isEqualTo(root.resolve("bootstrap/target/livetodos-aws.jar"));
        assertThat(paths.httpLambda()).isEqualTo(root.resolve("bootstrap/target/lambda-http"));
        assertThat(paths.webAssets()).isEqualTo(root.resolve("web/target/classes/static"));
    }

    @Test
    void contextOverridesEachPath() {
        AssetPaths paths = AssetPaths.fromContext(context(Map.of(
                "lambdaJar", "/opt/a.jar", "httpLambda", "/opt/http", "webAssets", "/opt/web")));

        assertThat(paths).isEqualTo(new AssetPaths(Path.of("/opt/a.jar"), Path.of("/opt/http"), Path.of("/opt/web")));
    }

    @Test
    void missingLambdaCodeSaysWhatToBuild() {
        Path built = Synthesized.placeholders();

        assertThatThrownBy(() -> new AssetPaths(built.resolve("nothing.jar"), built.resolve("lambda-http"), built).requireLambdaCode())
                .hasMessageContaining("The Lambda jar is missing: " + built.resolve("nothing.jar"))
                .hasMessageContaining("mvn -B -DskipTests package").hasMessageContaining("-c lambdaJar=");
        assertThatThrownBy(() -> new AssetPaths(built.resolve("livetodos-aws.jar"), built.resolve("static"), built).requireLambdaCode())
                .hasMessageContaining("The HTTP Lambda directory (with run.sh) is missing").hasMessageContaining("-c httpLambda=");
    }

    @Test
    void webAssetsCountAsBuiltWhenThePageIsThere() {
        Path built = Synthesized.placeholders();

        assertThat(new AssetPaths(built, built, built.resolve("static")).builtWebAssets()).contains(built.resolve("static"));
        assertThat(new AssetPaths(built, built, built.resolve("lambda-http")).builtWebAssets()).isEmpty();
    }

    @Test
    void stageIsDevUnlessToldAndAnUnknownOneIsRefused() {
        assertThat(Stage.fromContext(context(Map.of()))).isEqualTo(Stage.DEV);
        assertThat(Stage.fromContext(context(Map.of("stage", "PROD")))).isEqualTo(Stage.PROD);
        assertThatThrownBy(() -> Stage.fromContext(context(Map.of("stage", "staging"))))
                .hasMessage("Unknown stage 'staging': use -c stage=dev or -c stage=prod");
    }

    @Test
    void httpColdStartIsSnapStartUnlessToldOtherwise() {
        assertThat(HttpColdStart.fromContext(context(Map.of()))).isEqualTo(HttpColdStart.SNAPSTART);
        assertThat(HttpColdStart.fromContext(context(Map.of("httpColdStart", "none")))).isEqualTo(HttpColdStart.NONE);
    }

    private static Node context(Map<String, Object> context) {
        return new App(AppProps.builder().context(context).build()).getNode();
    }
}
