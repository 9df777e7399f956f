package dev.livetodos.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A stage synthesized the way {@code cdk synth} does it (context, feature flags, cdk-nag), from
 * placeholder build outputs, so infra's tests need neither the application's build nor a network.
 * JSII makes a synth take seconds: each variant is synthesized once per test run and shared.
 */
record Synthesized(LivetodosStack stack, Template template, Annotations annotations, Duration synthTime) {

    private static final Map<String, Synthesized> STAGES = new ConcurrentHashMap<>();
    private static Path placeholders;

    static Synthesized dev() {
        return STAGES.computeIfAbsent("dev", name -> synthesize(Map.of(Stage.CONTEXT_KEY, "dev"), true));
    }

    static Synthesized prod() {
        return STAGES.computeIfAbsent("prod", name -> synthesize(Map.of(Stage.CONTEXT_KEY, "prod"), true));
    }

    /** What a build without the browser app gives, with the HTTP function's cold-start choice set to none. */
    static Synthesized withoutWebAppOrSnapStartForHttp() {
        return STAGES.computeIfAbsent("bare", name -> synthesize(
                Map.of(Stage.CONTEXT_KEY, "dev", HttpColdStart.CONTEXT_KEY, "none"), false));
    }

    private static Synthesized synthesize(Map<String, Object> settings, boolean withWebApp) {
        Path built = placeholders();
        Map<String, Object> context = new HashMap<>(LivetodosApp.FEATURE_FLAGS);
        context.putAll(settings);
        context.put(AssetPaths.LAMBDA_JAR, built.resolve("livetodos-aws.jar").toString());
        context.put(AssetPaths.HTTP_LAMBDA, built.resolve("lambda-http").toString());
        context.put(AssetPaths.WEB_ASSETS, withWebApp ? built.resolve("static").toString() : built.resolve("not-built").toString());

        long start = System.nanoTime();
        App app = new App(AppProps.builder().context(context).build());
        LivetodosStack stack = LivetodosApp.define(app);
        Aspects.of(app).add(new AwsSolutionsChecks());
        Template template = Template.fromStack(stack);
        Annotations annotations = Annotations.fromStack(stack);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("Synthesized %s %s in %.1f s%n", stack.getStackName(), settings, took.toMillis() / 1000.0);
        return new Synthesized(stack, template, annotations, took);
    }

    /** Stand-ins for the Lambda jar, the HTTP Lambda directory and the built web app. */
    static synchronized Path placeholders() {
        if (placeholders != null) {
            return placeholders;
        }
        try {
            Path dir = Files.createTempDirectory("livetodos-infra-test");
            try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(dir.resolve("livetodos-aws.jar")))) {
                jar.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
                jar.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            Path http = Files.createDirectories(dir.resolve("lambda-http"));
            Files.writeString(http.resolve("run.sh"), "#!/bin/sh\nexec java -jar \"$LAMBDA_TASK_ROOT/livetodos.jar\"\n");
            Files.setPosixFilePermissions(http.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(http.resolve("livetodos.jar"), "placeholder");
            Path web = Files.createDirectories(dir.resolve("static").resolve("assets"));
            Files.writeString(web.resolve("index-abc123.js"), "console.log('livetodos')");
            Files.writeString(web.getParent().resolve("index.html"), "<!doctype html><title>livetodos</title>");
            Files.writeString(web.getParent().resolve("favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
            placeholders = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
