package dev.livetodos.adapter.in.web;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.adapter.wire.JsonChangeFrames;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A page reads a todo from two places, the HTTP API and the live-change frames, and keeps one
 * collection of them: both must write a todo the same way, field for field and byte for byte.
 */
class TodoShapeTest {

    private static final Instant CREATED = Instant.parse("2025-03-01T09:15:30.123Z");
    private static final Instant UPDATED = Instant.parse("2025-03-02T10:00:00Z");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UPSERT_HEAD = "{\"type\":\"changes\",\"listId\":\"default\",\"changes\":[{\"seq\":0,\"op\":\"upsert\",\"todo\":";
    private static final String UPSERT_TAIL = "}]}";

    private final TodoApi api = new TodoApi();

    @Test
    void theHttpApiAndTheFramesWriteATodoInTheSameShapeAndTheSameBytes() {
        Todo todo = aTodo().withId("t-1").withName("Say \"hi\" to C:\\Users\\me,\n\tthen café ☕ 😀")
                .withStatus(TodoStatus.COMPLETED).withVersion(7)
                .createdAt(CREATED).updatedAt(UPDATED).build();
        api.getTodo = id -> Mono.just(todo);

        String overHttp = httpBodyOf(todo);
        String inAFrame = todoInFrameOf(todo);

        assertThat(fieldNames(overHttp)).containsExactly("id", "name", "status", "version", "createdAt", "updatedAt", "seq");
        assertThat(fieldNames(inAFrame)).isEqualTo(fieldNames(overHttp));
        assertThat(inAFrame).isEqualTo(overHttp);
    }

    @Test
    void givenControlCharactersInTheName_thenBothReadBackAsTheSameTodo() {
        // The frames have always written \b and \f as \\u escapes, Jackson's default as \b and \f.
        Todo todo = aTodo().withId("t-2").withName("bell\u0007 back\b feed\f unit\u001F").build();
        api.getTodo = id -> Mono.just(todo);

        JsonNode overHttp = JSON.readTree(httpBodyOf(todo));
        JsonNode inAFrame = JSON.readTree(todoInFrameOf(todo));

        assertThat(inAFrame).isEqualTo(overHttp);
        assertThat(overHttp.path("name").stringValue()).isEqualTo(todo.name());
    }

    private String httpBodyOf(Todo todo) {
        byte[] body = api.client.get().uri("/api/lists/groceries/todos/" + todo.id().value()).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return new String(body, UTF_8);
    }

    private static String todoInFrameOf(Todo todo) {
        String frame = new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES)
                .split(ListId.of("default"), List.of(new TodoChange.Upserted(todo))).get(0).text();
        assertThat(frame).startsWith(UPSERT_HEAD).endsWith(UPSERT_TAIL);
        return frame.substring(UPSERT_HEAD.length(), frame.length() - UPSERT_TAIL.length());
    }

    private static List<String> fieldNames(String json) {
        List<String> names = new ArrayList<>();
        JSON.readTree(json).propertyNames().forEach(names::add);
        return names;
    }
}
