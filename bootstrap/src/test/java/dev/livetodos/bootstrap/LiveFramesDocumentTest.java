package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.livetodos.adapter.wire.ErrorMessage;
import dev.livetodos.adapter.wire.JsonChangeFrames;
import dev.livetodos.adapter.wire.LiveJson;
import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.TodoStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docs/asyncapi.yaml} says what the live-wire encoder writes: each message's examples fit
 * its payload schema, and so do the frames {@link JsonChangeFrames} makes, so the document cannot
 * drift from the frames unnoticed. Payloads are AsyncAPI's default schema format, JSON Schema
 * draft 7 with more, checked as draft 7.
 */
class LiveFramesDocumentTest {

    /** The document, from the module's directory (where the tests run). */
    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml").toAbsolutePath().normalize();

    private static final Instant AT = Instant.parse("2026-12-03T06:00:00Z");
    private static final ListId GROCERIES = ListId.of("groceries");

    /** Where the schemas find the document: its text, under a name of its own. */
    private static final String ID = "https://livetodos.dev/docs/asyncapi.json";

    private final JsonNode document = read();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemas(java.util.Map.of(ID, document.toString())));
    private final ChangeFrames frames = new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES);

    @Test
    void theDocumentIsAsyncApi3AndEveryReferenceInItLeadsSomewhere() {
        List<String> dangling = new ArrayList<>();
        collectDanglingReferences(document, dangling);

        assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(dangling).isEmpty();
    }

    @Test
    void everyMessagesExamplesFitItsPayload() {
        List<String> checked = new ArrayList<>();
        List<String> errors = new ArrayList<>();

        document.path("components").path("messages").properties().forEach(message -> {
            for (JsonNode example : message.getValue().path("examples")) {
                checked.add(message.getKey());
                payload(message.getKey()).validate(example.path("payload").toString(), InputFormat.JSON)
                        .forEach(error -> errors.add(message.getKey() + ": " + error));
            }
        });

        assertThat(checked).contains("changes", "listUpsert", "listRemoved", "ping", "pong", "error");
        assertThat(errors).isEmpty();
    }

    @Test
    void theFramesTheEncoderWritesFitTheirMessages() {
        Todo milk = new Todo(TodoId.of("milk"), "Milk \"2%\" ✓", TodoStatus.PENDING, 3, AT, AT.plusSeconds(60)).withSeq(41);
        List<ChangeFrames.Frame> changes = frames.split(GROCERIES,
                List.of(new TodoChange.Upserted(milk), new TodoChange.Deleted(TodoId.of("eggs"), 4, 42)));
        TodoList list = new TodoList(GROCERIES, "Groceries", PersonId.of("ann"), 2, 42);

        assertThat(changes).singleElement().satisfies(frame -> assertFits("changes", frame.text()));
        List<ChangeFrames.Frame> traced = new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES, java.time.Clock.systemUTC(),
                () -> java.util.Optional.of("4bf92f3577b34da6a3ce929d0e0e4736")).split(GROCERIES, List.of(new TodoChange.Upserted(milk)));
        assertThat(traced).singleElement().satisfies(frame -> assertFits("changes", frame.text()));
        assertFits("listUpsert", frames.listUpserted(new ListWithRole(list, Role.EDITOR)));
        assertFits("listRemoved", frames.listRemoved(GROCERIES));
        assertFits("pong", frames.pong());
        assertFits("error", LiveJson.write(ErrorMessage.ONLY_PING_IS_UNDERSTOOD));
        assertFits("ping", "{\"type\":\"ping\"}");
    }

    @Test
    void givenAFrameTheDocumentDoesNotAllow_thenItIsReported() {
        String withoutSeq = "{\"type\":\"changes\",\"listId\":\"groceries\",\"changes\":[{\"op\":\"delete\",\"id\":\"eggs\",\"version\":4}]}";
        String unknownOp = "{\"type\":\"list\",\"op\":\"renamed\",\"listId\":\"groceries\"}";

        assertThat(payload("changes").validate(withoutSeq, InputFormat.JSON)).isNotEmpty();
        assertThat(payload("listRemoved").validate(unknownOp, InputFormat.JSON)).isNotEmpty();
    }

    private void assertFits(String message, String frame) {
        List<Error> errors = payload(message).validate(frame, InputFormat.JSON);
        assertThat(errors).as("%s frame %s", message, frame).isEmpty();
    }

    private Schema payload(String message) {
        return registry.getSchema(SchemaLocation.of(ID + "#/components/messages/" + message + "/payload"));
    }

    private void collectDanglingReferences(JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.path("$ref");
            if (ref.isString() && (!ref.asString().startsWith("#/") || document.at(ref.asString().substring(1)).isMissingNode())) {
                dangling.add(ref.asString());
            }
        }
        node.forEach(child -> collectDanglingReferences(child, dangling));
    }

    private static JsonNode read() {
        try {
            return YAMLMapper.builder().build().readTree(Files.readString(DOCUMENT));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
