package dev.livetodos.infra;

import software.constructs.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the built application is, by path: infra never sees the application's classes. The
 * defaults are the build's outputs seen from {@code infra/}; each can be overridden with context,
 * e.g. {@code -c lambdaJar=/some/livetodos-aws.jar}.
 *
 * @param lambdaJar  the Spring Cloud Function jar (WebSocket routes and the stream)
 * @param httpLambda the HTTP API's Lambda directory (app jar plus {@code run.sh} for the Web Adapter)
 * @param webAssets  the browser app's built files; optional, the site then holds only {@code config.json}
 */
record AssetPaths(Path lambdaJar, Path httpLambda, Path webAssets) {

    static final String LAMBDA_JAR = "lambdaJar";
    static final String HTTP_LAMBDA = "httpLambda";
    static final String WEB_ASSETS = "webAssets";

    static final Path DEFAULT_LAMBDA_JAR = Path.of("../bootstrap/target/livetodos-aws.jar");
    static final Path DEFAULT_HTTP_LAMBDA = Path.of("../bootstrap/target/lambda-http");
    static final Path DEFAULT_WEB_ASSETS = Path.of("../web/target/classes/static");

    private static final String BUILD_FIRST =
            " Build the application first (from the repository root: mvn -B -DskipTests package), or point -c %s=... at it.";

    static AssetPaths fromContext(Node node) {
        return new AssetPaths(
                path(node, LAMBDA_JAR, DEFAULT_LAMBDA_JAR),
                path(node, HTTP_LAMBDA, DEFAULT_HTTP_LAMBDA),
                path(node, WEB_ASSETS, DEFAULT_WEB_ASSETS));
    }

    private static Path path(Node node, String key, Path fallback) {
        Object value = node.tryGetContext(key);
        return (value == null ? fallback : Path.of(value.toString())).toAbsolutePath().normalize();
    }

    /** The Lambda code must exist: a stack without it could not be deployed. Says what to build if not. */
    AssetPaths requireLambdaCode() {
        if (!Files.isRegularFile(lambdaJar)) {
            throw new IllegalStateException(("The Lambda jar is missing: " + lambdaJar + "." + BUILD_FIRST).formatted(LAMBDA_JAR));
        }
        if (!Files.isRegularFile(httpLambda.resolve("run.sh"))) {
            throw new IllegalStateException(("The HTTP Lambda directory (with run.sh) is missing: " + httpLambda + "."
                    + BUILD_FIRST).formatted(HTTP_LAMBDA));
        }
        return this;
    }

    /** The browser app's files, when they have been built. */
    Optional<Path> builtWebAssets() {
        return Files.isRegularFile(webAssets.resolve("index.html")) ? Optional.of(webAssets) : Optional.empty();
    }
}
