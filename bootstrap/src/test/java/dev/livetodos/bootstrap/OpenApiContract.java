package dev.livetodos.bootstrap;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import dev.livetodos.adapter.in.web.ApiDocumentRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every answer the tests get from the API, checked against the OpenAPI document the server
 * serves ({@link ApiDocumentRoutes#DOCUMENT}), so the document cannot drift from the server: the
 * status must be one the operation lists, each header it requires must be there and fit its
 * schema, and the body must have the media type and fit the schema (JSON Schema 2020-12 in the
 * OpenAPI 3.1 dialect, checked by networknt's json-schema-validator, formats asserted). An
 * operation is found as OpenAPI says: a concrete path before a templated one. {@code HEAD} is an
 * operation of its own (the functional routes answer it 405 today); an answer to it has no body,
 * and may leave out its {@code Content-Type}.
 *
 * <p>What the document cannot list is held to the rule its description states: an error answer
 * to a method a path does not take, or to a path under {@code /api/} that it does not name, or
 * an error answer to a request that could not be read at all, must be a problem
 * ({@code #/components/schemas/Problem}), a 405 with {@code Allow}. Answers outside the API (the page and its files) are not checked.
 *
 * <p>Hooked in where the tests make their clients ({@link #filter()} on every {@code WebTestClient},
 * {@link RawHttp#exchange}), so a new test is checked without asking.
 */
final class OpenApiContract {

    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "/components/schemas/Problem";
    /** The fields of an OpenAPI document (not of its schemas). */
    private static final Set<String> DOCUMENT_FIELDS = Set.of("openapi", "info", "jsonSchemaDialect", "servers", "paths",
            "webhooks", "components", "security", "tags", "externalDocs");

    private static final Scheduler CHECKS = Schedulers.newBoundedElastic(4, Integer.MAX_VALUE, "openapi-contract", 60, true);

    /** The server's document, as the web adapter serves it (made after the constants it uses). */
    static final OpenApiContract API = new OpenApiContract(ApiDocumentRoutes.DOCUMENT);

    private final String location;
    private final JsonNode document;
    private final List<PathTemplate> paths;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** @param resource the document on the class path (YAML or JSON) */
    OpenApiContract(String resource) {
        this.location = "classpath:" + resource;
        this.document = read(resource);
        this.paths = new ArrayList<>();
        document.path("paths").properties().forEach(entry -> paths.add(new PathTemplate(entry.getKey())));
        // Concrete paths before templated ones; among equals, the longer first.
        paths.sort(Comparator.comparingInt(PathTemplate::templated).thenComparing(Comparator.comparingInt(PathTemplate::length).reversed()));
        this.registry = SchemaRegistry.withDialect(strictOpenApi31(), builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        precompile();
    }

    /**
     * OpenAPI 3.1's dialect, where a word that is no keyword fails (a misspelt {@code requried}
     * would otherwise check nothing), but for the document's own fields: the validator reads the
     * whole document as the resource the schemas live in.
     */
    private static Dialect strictOpenApi31() {
        return Dialect.builder(Dialects.getOpenApi31())
                .unknownKeywordFactory((keyword, context) -> {
                    if (!DOCUMENT_FIELDS.contains(keyword)) {
                        throw new IllegalStateException("\"" + keyword + "\" is no keyword of a schema in " + ApiDocumentRoutes.DOCUMENT);
                    }
                    return new AnnotationKeyword(keyword);
                })
                .build();
    }

    /**
     * Every schema an answer can be checked against, made and its references followed now: a
     * broken reference fails at once, and checking an answer later reads no file.
     */
    private void precompile() {
        schema(PROBLEM_SCHEMA).initializeValidators();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String responses = "/paths/" + escape(path.getKey()) + "/" + escape(operation.getKey()) + "/responses";
            document.at(responses).properties().forEach(response -> {
                String at = resolve(responses + "/" + escape(response.getKey()));
                document.at(at).path("headers").propertyNames().forEach(header ->
                        schema(resolve(at + "/headers/" + escape(header)) + "/schema").initializeValidators());
                document.at(at).path("content").propertyNames().forEach(mediaType ->
                        schema(at + "/content/" + escape(mediaType) + "/schema").initializeValidators());
            });
        }));
    }

    /**
     * A client of the server on {@code port} whose every answer is checked against the document:
     * the one way the tests make their {@code WebTestClient}s.
     */
    static WebTestClient.Builder client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .filter(API.filter());
    }

    /** One answer as the test received it. */
    record Exchange(String method, String target, int status, Function<String, List<String>> headers, byte[] body) {

        Optional<String> header(String name) {
            List<String> values = headers.apply(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        String describe() {
            String path = target == null ? "(a request that could not be read)" : target;
            return method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path) + " → " + status;
        }
    }

    /** A {@code WebTestClient} filter that fails the exchange on an answer the document does not allow. */
    ExchangeFilterFunction filter() {
        return (request, next) -> next.exchange(request).flatMap(response -> DataBufferUtils.join(response.body((message, context) -> message.getBody()))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                // Off the connection's thread (BlockHound), and off the shared elastic threads, which
                // tests may fill with exchanges that wait for this very check.
                .publishOn(CHECKS)
                .map(body -> {
                    String target = request.url().getRawPath() + (request.url().getRawQuery() == null ? "" : "?" + request.url().getRawQuery());
                    check(new Exchange(request.method().name(), target, response.statusCode().value(),
                            name -> response.headers().header(name), body));
                    return rebuilt(response, body);
                }));
    }

    private static ClientResponse rebuilt(ClientResponse response, byte[] body) {
        return response.mutate().body(Flux.defer(() -> Mono.just(DefaultDataBufferFactory.sharedInstance.wrap(body)))).build();
    }

    /** Fails with every way the answer breaks the document. */
    void check(Exchange exchange) {
        List<String> violations = violations(exchange);
        if (!violations.isEmpty()) {
            throw new ContractViolation(exchange.describe() + " breaks " + ApiDocumentRoutes.DOCUMENT + ":\n  - "
                    + String.join("\n  - ", violations) + "\n  body: " + abbreviate(new String(exchange.body(), StandardCharsets.UTF_8)));
        }
    }

    /** How the answer breaks the document; empty when it does not (or is not the API's). */
    List<String> violations(Exchange exchange) {
        String path = exchange.target() == null ? null : exchange.target().split("\\?", 2)[0];
        Optional<PathTemplate> template = path == null ? Optional.empty() : paths.stream().filter(t -> t.matches(path)).findFirst();
        if (template.isEmpty()) {
            boolean api = path == null ? exchange.status() >= 400 : path.startsWith("/api/") || path.equals("/api");
            return api ? unlisted(exchange) : List.of();
        }
        String pathPointer = "/paths/" + escape(template.get().text());
        String method = exchange.method().toLowerCase(Locale.ROOT);
        boolean head = "head".equals(method);
        JsonNode operation = document.at(pathPointer).path(method);
        if (!operation.isObject()) {
            return unlisted(exchange);
        }
        String status = Integer.toString(exchange.status());
        String statusRange = status.charAt(0) + "XX";
        JsonNode responses = operation.path("responses");
        String responsesPointer = pathPointer + "/" + method + "/responses";
        String key = responses.has(status) ? status : responses.has(statusRange) ? statusRange : responses.has("default") ? "default" : null;
        if (key == null) {
            List<String> listed = new ArrayList<>();
            responses.propertyNames().forEach(listed::add);
            return List.of("status " + status + " is not one " + exchange.method() + " " + template.get().text()
                    + " answers; the document lists " + listed);
        }
        String responsePointer = resolve(responsesPointer + "/" + escape(key));
        return answer(exchange, responsePointer, head);
    }

    /** The answer checked against the document's response at {@code pointer}. */
    private List<String> answer(Exchange exchange, String pointer, boolean head) {
        List<String> violations = new ArrayList<>();
        JsonNode response = document.at(pointer);
        response.path("headers").properties().forEach(entry -> {
            String headerPointer = resolve(pointer + "/headers/" + escape(entry.getKey()));
            JsonNode header = document.at(headerPointer);
            Optional<String> value = exchange.header(entry.getKey());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    violations.add("header " + entry.getKey() + " is required and missing");
                }
                return;
            }
            String text = JsonNodes.quote(value.get());
            schema(headerPointer + "/schema").validate(text, InputFormat.JSON)
                    .forEach(error -> violations.add("header " + entry.getKey() + " " + describe(error)));
        });
        JsonNode content = response.path("content");
        if (head) {
            // An answer to HEAD may leave out its body's headers (RFC 9110, 9.3.2), the body always.
            return violations;
        }
        Optional<String> contentType = exchange.header("Content-Type").map(OpenApiContract::mediaType);
        if (!content.isObject() || content.isEmpty()) {
            if (exchange.body().length > 0) {
                violations.add("the document gives this answer no body, yet it has " + exchange.body().length + " bytes");
            }
            return violations;
        }
        if (contentType.isEmpty() || !content.has(contentType.get())) {
            List<String> listed = new ArrayList<>();
            content.propertyNames().forEach(listed::add);
            violations.add("Content-Type " + exchange.header("Content-Type").orElse("(none)") + " is not one of " + listed);
            return violations;
        }
        if (exchange.body().length == 0) {
            violations.add("the body is empty; the document gives it a " + contentType.get() + " body");
            return violations;
        }
        String body = new String(exchange.body(), StandardCharsets.UTF_8);
        try {
            schema(pointer + "/content/" + escape(contentType.get()) + "/schema").validate(body, InputFormat.JSON)
                    .forEach(error -> violations.add("body " + describe(error)));
        } catch (RuntimeException notJson) {
            violations.add("the body is not JSON: " + notJson.getMessage());
        }
        return violations;
    }

    /** What the document cannot list: an error answer, as a problem; a 405 with Allow. */
    private List<String> unlisted(Exchange exchange) {
        List<String> violations = new ArrayList<>();
        if (exchange.status() < 400) {
            violations.add("the document has no operation " + exchange.method() + " " + exchange.target()
                    + ", yet it was answered " + exchange.status());
            return violations;
        }
        if (exchange.status() == 405 && exchange.header("Allow").isEmpty()) {
            violations.add("a 405 must say in Allow which methods the path takes");
        }
        if ("HEAD".equals(exchange.method())) {
            return violations;
        }
        Optional<String> contentType = exchange.header("Content-Type").map(OpenApiContract::mediaType);
        if (!contentType.equals(Optional.of(PROBLEM))) {
            violations.add("an error answer must be " + PROBLEM + ", was " + exchange.header("Content-Type").orElse("(none)"));
            return violations;
        }
        try {
            schema(PROBLEM_SCHEMA).validate(new String(exchange.body(), StandardCharsets.UTF_8), InputFormat.JSON)
                    .forEach(error -> violations.add("body " + describe(error)));
        } catch (RuntimeException notJson) {
            violations.add("the body is not JSON: " + notJson.getMessage());
        }
        return violations;
    }

    /** The pointer itself, or where its {@code $ref} (within the document) leads. */
    private String resolve(String pointer) {
        String at = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode ref = document.at(at).path("$ref");
            if (!ref.isString()) {
                return at;
            }
            String target = ref.asString();
            if (!target.startsWith("#/")) {
                throw new IllegalStateException("only references within the document are followed, found " + target + " at " + at);
            }
            at = target.substring(1);
        }
        throw new IllegalStateException("references go round in circles at " + pointer);
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, at -> registry.getSchema(SchemaLocation.of(location + "#" + at)));
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }

    private static String mediaType(String contentType) {
        return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /** A name as one token of a JSON pointer (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path of the document, such as {@code /api/lists/{listId}/todos}, matched segment by segment. */
    private record PathTemplate(String text, String[] segments) {

        PathTemplate(String text) {
            this(text, text.split("/", -1));
        }

        boolean matches(String path) {
            String[] asked = path.split("/", -1);
            if (asked.length != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                boolean variable = segments[i].startsWith("{") && segments[i].endsWith("}");
                if (variable ? asked[i].isEmpty() : !segments[i].equals(asked[i])) {
                    return false;
                }
            }
            return true;
        }

        int templated() {
            int count = 0;
            for (String segment : segments) {
                count += segment.startsWith("{") ? 1 : 0;
            }
            return count;
        }

        int length() {
            return segments.length;
        }
    }

    /** An answer the document does not allow; its message says each way, with the body. */
    static final class ContractViolation extends AssertionError {

        ContractViolation(String message) {
            super(message);
        }
    }

    /** A header's value as the JSON string its schema is checked against. */
    private static final class JsonNodes {

        private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

        static String quote(String value) {
            return JSON.writeValueAsString(value);
        }
    }
}
