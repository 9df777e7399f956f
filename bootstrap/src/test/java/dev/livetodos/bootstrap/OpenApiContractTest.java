package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.livetodos.adapter.in.web.ApiDocumentRoutes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The check of every answer against the OpenAPI document bites: answers that break it in each
 * way are reported, readably, and an answer that keeps it passes untouched.
 */
class OpenApiContractTest {

    private static final String TODO = """
            {"id":"milk","name":"Milk","status":"pending","version":1,"createdAt":"2026-12-03T06:00:00Z",\
            "updatedAt":"2026-12-03T06:00:00Z","seq":4}""";
    private static final Map<String, List<String>> FULL_READ = Map.of(
            "Content-Type", List.of("application/json"), "Livetodos-Cursor", List.of("MS40LjE3NjQ3NDQ0MDA"), "ETag", List.of("\"4\""));

    private final OpenApiContract contract = OpenApiContract.API;

    @Test
    void theDocumentIsAValidOpenApi31Document() throws Exception {
        Schema openApi31 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                        builder -> builder.schemaIdResolvers(resolvers -> resolvers
                                // The OpenAPI Initiative's published schemas, kept beside the tests (no network).
                                .mapPrefix("https://spec.openapis.org/oas/3.1", "classpath:oas/3.1")))
                .getSchema(SchemaLocation.of("https://spec.openapis.org/oas/3.1/schema-base/2022-10-07"));
        String document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ApiDocumentRoutes.DOCUMENT)) {
            document = YAMLMapper.builder().build().readTree(in).toString();
        }

        List<Error> errors = openApi31.validate(document, InputFormat.JSON);
        // And the check bites: an answer without its description is no OpenAPI.
        List<Error> broken = openApi31.validate(document.replace("\"description\":\"Deleted.\"", "\"summary\":\"Deleted.\""),
                InputFormat.JSON);

        assertThat(errors).isEmpty();
        assertThat(broken).isNotEmpty();
    }

    @Test
    void givenASchemaWithAWordThatIsNoKeyword_thenTheCheckRefusesTheDocument() {
        assertThatThrownBy(() -> new OpenApiContract("openapi/misspelt-keyword.yaml"))
                .satisfies(failure -> assertThat(rootCause(failure)).hasMessageContaining("\"requried\" is no keyword"));
    }

    @Test
    void givenAnAnswerTheDocumentAllows_thenNothingIsReported() {
        var answer = exchange("GET", "/api/lists/groceries/todos", 200, FULL_READ, "[" + TODO + "]");

        assertThat(contract.violations(answer)).isEmpty();
    }

    @Test
    void givenATodoWithoutItsSeq_thenTheBodyIsReported() {
        var answer = exchange("GET", "/api/lists/groceries/todos", 200, FULL_READ, "[" + TODO.replace(",\"seq\":4", "") + "]");

        assertThat(contract.violations(answer)).singleElement().asString()
                .startsWith("body ").contains("seq");
    }

    @Test
    void givenAFieldTheDocumentDoesNotName_thenTheBodyIsReported() {
        var answer = exchange("GET", "/api/lists/groceries/todos/milk", 200, Map.of("Content-Type", List.of("application/json")),
                TODO.replace("}", ",\"owner\":\"mallory\"}"));

        assertThat(contract.violations(answer)).singleElement().asString().contains("owner");
    }

    @Test
    void givenAStatusTheOperationDoesNotList_thenItIsReported() {
        var answer = exchange("GET", "/api/lists/groceries/todos", 201, FULL_READ, "[]");

        assertThat(contract.violations(answer)).containsExactly(
                "status 201 is not one GET /api/lists/{listId}/todos answers; the document lists "
                        + "[200, 304, 400, 401, 404, 414, 431, 500, 503]");
    }

    @Test
    void givenAFullReadWithoutItsCursor_thenTheMissingHeaderIsReported() {
        var answer = exchange("GET", "/api/lists/groceries/todos", 200, Map.of("Content-Type", List.of("application/json"),
                "ETag", List.of("\"4\"")), "[]");

        assertThat(contract.violations(answer)).containsExactly("header Livetodos-Cursor is required and missing");
    }

    @Test
    void givenAProblemOfAnotherTypeThanTheDocumentSays_thenItIsReported() {
        var answer = exchange("GET", "/api/lists/groceries/changes?after=x", 409, Map.of("Content-Type", List.of("application/problem+json")),
                "{\"type\":\"/problems/conflict\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"No.\",\"conflicts\":[]}");

        assertThat(contract.violations(answer)).isNotEmpty().allSatisfy(violation -> assertThat(violation).startsWith("body "));
    }

    @Test
    void givenAnErrorOfAPathTheDocumentDoesNotName_thenItMustStillBeAProblem() {
        var html = exchange("GET", "/api/nothing-here", 404, Map.of("Content-Type", List.of("text/html")), "<h1>Not found</h1>");
        var problem = exchange("GET", "/api/nothing-here", 404, Map.of("Content-Type", List.of("application/problem+json")),
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"Nothing is found at this path.\"}");

        assertThat(contract.violations(html)).containsExactly("an error answer must be application/problem+json, was text/html");
        assertThat(contract.violations(problem)).isEmpty();
    }

    @Test
    void givenA405WithoutAllow_thenItIsReported() {
        var answer = exchange("PATCH", "/api/lists/groceries/todos", 405, Map.of("Content-Type", List.of("application/problem+json")),
                "{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,\"detail\":\"No.\"}");

        assertThat(contract.violations(answer)).containsExactly("a 405 must say in Allow which methods the path takes");
    }

    @Test
    void givenAnAnswerOutsideTheApi_thenItIsNotChecked() {
        var page = exchange("GET", "/index.html", 200, Map.of("Content-Type", List.of("text/html")), "<html></html>");

        assertThat(contract.violations(page)).isEmpty();
    }

    @Test
    void givenAClientWithTheFilter_thenAnAnswerBreakingTheDocumentFailsTheExchangeAndOneKeepingItReadsAsSent() {
        WebTestClient http = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                        .GET("/api/me", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue("{\"id\":\"ann\"}"))
                        .GET("/api/lists", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue("[]"))
                        .build())
                .configureClient().filter(contract.filter()).build();

        assertThatThrownBy(() -> http.get().uri("/api/me").exchange())
                .satisfies(failure -> assertThat(rootCause(failure))
                        .isInstanceOf(OpenApiContract.ContractViolation.class)
                        .hasMessageContaining("GET /api/me → 200 breaks " + ApiDocumentRoutes.DOCUMENT)
                        .hasMessageContaining("name")
                        .hasMessageContaining("body: {\"id\":\"ann\"}"));
        http.get().uri("/api/lists").exchange().expectStatus().isOk().expectBody().json("[]");
    }

    private static OpenApiContract.Exchange exchange(String method, String target, int status, Map<String, List<String>> headers, String body) {
        return new OpenApiContract.Exchange(method, target, status,
                name -> headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                        .map(Map.Entry::getValue).findFirst().orElse(List.of()),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The violation (or other first cause) under the wrappers Reactor and the validator put around it. */
    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof OpenApiContract.ContractViolation) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
