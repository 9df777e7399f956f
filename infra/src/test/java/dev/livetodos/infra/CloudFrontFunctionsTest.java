package dev.livetodos.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.livetodos.infra.TemplateQueries.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two CloudFront Functions, run in Node.js on CloudFront's event shape (and checked to be what
 * is deployed). CloudFront hands a function its headers by lower-case name, each as
 * {@code {"value": …}}, with {@code multiValue} when a header came more than once.
 */
class CloudFrontFunctionsTest {

    private static final String HARNESS = """
            const fs = require('fs');
            const handler = new Function(fs.readFileSync(process.argv[1], 'utf8') + '\\nreturn handler;')();
            const events = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
            process.stdout.write(JSON.stringify(events.map(event => handler(event))));
            """;

    private static Path dir;

    @BeforeAll
    static void writeFunctions() throws IOException {
        dir = Files.createTempDirectory("cloudfront-functions");
    }

    @Test
    void pageRoutesGetThePageAndFilesStayFiles() throws Exception {
        List<String> uris = List.of("/", "/active", "/some/route", "/index.html", "/favicon.svg", "/assets/index-abc.js");

        String results = run("cloudfront/spa-fallback.js", uris.stream().map(uri -> request("GET", uri, "")).toList());

        assertThat(results).isEqualTo("[" + String.join(",",
                uriOf("/index.html"), uriOf("/index.html"), uriOf("/index.html"),
                uriOf("/index.html"), uriOf("/favicon.svg"), uriOf("/assets/index-abc.js")) + "]");
    }

    @Test
    void writesWithoutAContentHashAreRefusedWithAProblemAndTheRestPassUntouched() throws Exception {
        String hash = "\"x-amz-content-sha256\":{\"value\":\"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"}";

        String results = run("cloudfront/api-request.js", List.of(
                request("POST", "/api/todos", ""), request("PUT", "/api/todos", ""), request("DELETE", "/api/todos", ""),
                request("POST", "/api/todos", hash), request("GET", "/api/todos", "")));

        String refusal = "{\"statusCode\":400,\"statusDescription\":\"Bad Request\",\"headers\":{"
                + "\"content-type\":{\"value\":\"application/problem+json\"},\"cache-control\":{\"value\":\"no-store\"}},"
                + "\"body\":{\"encoding\":\"text\",\"data\":\"{\\\"type\\\":\\\"/problems/missing-content-hash\\\","
                + "\\\"title\\\":\\\"Missing content hash\\\",\\\"status\\\":400,"
                + "\\\"detail\\\":\\\"Send the body's SHA-256, hex-encoded, in the x-amz-content-sha256 header.\\\","
                + "\\\"instance\\\":\\\"/api/todos\\\"}\"}}";
        assertThat(results).isEqualTo("[" + String.join(",", refusal, refusal, refusal,
                request("POST", "/api/todos", hash), request("GET", "/api/todos", "")) + "]");
    }

    @Test
    void givenABearerToken_thenItMovesToOurHeaderUnchangedAndAuthorizationGoesNowhere() throws Exception {
        String results = run("cloudfront/api-request.js", List.of(
                request("GET", "/api/lists", "\"authorization\":{\"value\":\"Bearer eyJ.payload.sig\"},\"accept\":{\"value\":\"application/json\"}"),
                request("GET", "/api/lists", "\"authorization\":{\"value\":\"bearer eyJ.payload.sig\"}")));

        assertThat(results).isEqualTo("[" + String.join(",",
                request("GET", "/api/lists", "\"accept\":{\"value\":\"application/json\"},"
                        + "\"x-livetodos-authorization\":{\"value\":\"Bearer eyJ.payload.sig\"}"),
                request("GET", "/api/lists", "\"x-livetodos-authorization\":{\"value\":\"bearer eyJ.payload.sig\"}")) + "]");
    }

    @Test
    void givenNoToken_thenTheRequestGoesOnWithoutOne() throws Exception {
        String accept = "\"accept\":{\"value\":\"application/json\"}";

        String results = run("cloudfront/api-request.js", List.of(request("GET", "/api/lists", accept)));

        assertThat(results).isEqualTo("[" + request("GET", "/api/lists", accept) + "]");
    }

    @Test
    void givenOurHeaderFromTheClientAlongsideABearer_thenOnlyTheBearerGetsThrough() throws Exception {
        String results = run("cloudfront/api-request.js", List.of(request("GET", "/api/lists",
                "\"x-livetodos-authorization\":{\"value\":\"Bearer smuggled\"},\"authorization\":{\"value\":\"Bearer mine\"}")));

        assertThat(results).isEqualTo("[" + request("GET", "/api/lists",
                "\"x-livetodos-authorization\":{\"value\":\"Bearer mine\"}") + "]");
    }

    @Test
    void givenOnlyOurHeaderFromTheClient_thenItIsDroppedAndTheServerSeesNoToken() throws Exception {
        String results = run("cloudfront/api-request.js", List.of(request("GET", "/api/lists",
                "\"x-livetodos-authorization\":{\"value\":\"Bearer smuggled\"}")));

        assertThat(results).isEqualTo("[" + request("GET", "/api/lists", "") + "]");
    }

    @Test
    void givenAnotherSchemeOrSeveralAuthorizationHeaders_thenNoTokenGoesOn() throws Exception {
        String results = run("cloudfront/api-request.js", List.of(
                request("GET", "/api/lists", "\"authorization\":{\"value\":\"Basic YWxpY2U6c2VjcmV0\"}"),
                request("GET", "/api/lists", "\"authorization\":{\"value\":\"Bearer one\",\"multiValue\":"
                        + "[{\"value\":\"Bearer one\"},{\"value\":\"Bearer two\"}]}"),
                request("GET", "/api/lists", "\"authorization\":{\"value\":\"Bearer\"}")));

        assertThat(results).isEqualTo("[" + String.join(",", request("GET", "/api/lists", ""),
                request("GET", "/api/lists", ""), request("GET", "/api/lists", "")) + "]");
    }

    @Test
    void givenAWriteWithItsContentHashAndABearer_thenTheHashStaysAndTheTokenMoves() throws Exception {
        String hash = "\"x-amz-content-sha256\":{\"value\":\"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"}";

        String results = run("cloudfront/api-request.js", List.of(
                request("POST", "/api/lists", hash + ",\"authorization\":{\"value\":\"Bearer mine\"}"),
                request("POST", "/api/lists", "\"authorization\":{\"value\":\"Bearer mine\"}")));

        assertThat(results).startsWith("[" + request("POST", "/api/lists",
                hash + ",\"x-livetodos-authorization\":{\"value\":\"Bearer mine\"}") + ",{\"statusCode\":400,");
    }

    @Test
    void deployedFunctionsAreTheseFilesOnTheJavaScript2Runtime() {
        Template template = Synthesized.dev().template();

        assertThat(properties(template, "AWS::CloudFront::Function", "WebSiteSpaFallback"))
                .containsEntry("FunctionCode", WebSite.resource("cloudfront/spa-fallback.js"))
                .containsEntry("FunctionConfig", Map.of("Comment", "livetodos: the page for its own routes", "Runtime", "cloudfront-js-2.0"))
                .containsEntry("AutoPublish", true);
        assertThat(properties(template, "AWS::CloudFront::Function", "WebSiteApiRequest"))
                .containsEntry("FunctionCode", WebSite.resource("cloudfront/api-request.js"))
                .containsEntry("FunctionConfig", Map.of("Runtime", "cloudfront-js-2.0", "Comment",
                        "livetodos: API writes carry x-amz-content-sha256; the bearer token moves to X-Livetodos-Authorization"));
    }

    /** A viewer request as CloudFront hands it to a function (JSON, in the order the function returns it). */
    private static String request(String method, String uri, String headers) {
        return "{\"method\":\"" + method + "\",\"uri\":\"" + uri + "\",\"querystring\":{},\"headers\":{" + headers
                + "},\"cookies\":{}}";
    }

    private static String uriOf(String uri) {
        return request("GET", uri, "");
    }

    private static String run(String function, List<String> requests) throws Exception {
        Path code = dir.resolve(function.replace('/', '-'));
        Files.writeString(code, WebSite.resource(function));
        Path events = dir.resolve("events-" + System.nanoTime() + ".json");
        Files.writeString(events, "[" + String.join(",", requests.stream().map(r -> "{\"request\":" + r + "}").toList()) + "]");
        Process node = new ProcessBuilder("node", "-e", HARNESS, code.toString(), events.toString()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        return output;
    }
}
