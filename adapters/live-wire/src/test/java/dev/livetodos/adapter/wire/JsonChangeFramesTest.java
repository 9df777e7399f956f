package dev.livetodos.adapter.wire;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.application.service.ChangeBatches;
import dev.livetodos.domain.model.ChangeCursor;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.Todo;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.domain.model.TodoStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The frames subscribers parse, spelled out character by character as ARCHITECTURE.md has them
 * (and as they were when the core wrote them by hand): a browser on either host reads these bytes.
 */
class JsonChangeFramesTest {

    private static final ChangeFrames FRAMES = new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES);

    private static final ListId LIST = ListId.of("l1");
    private static final String HEAD = "{\"type\":\"changes\",\"listId\":\"l1\",\"changes\":[";
    private static final String TAIL = "]}";
    private static final Pattern TODO_ID = Pattern.compile("\"todo\":\\{\"id\":\"(todo-\\d{3})\"");

    private final Todo milk = aTodo()
            .withId("t1")
            .withName("Buy milk")
            .withStatus(TodoStatus.COMPLETED)
            .withVersion(3)
            .createdAt(Instant.parse("2024-05-01T08:00:00Z"))
            .updatedAt(Instant.parse("2024-05-01T09:30:15.250Z"))
            .build();

    @Test
    void writesAnUpsertAsTheContractSays() {
        List<TodoChange> changes = List.of(new TodoChange.Upserted(milk));

        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, changes);

        assertThat(frames).extracting(ChangeFrames.Frame::text).containsExactly(
                "{\"type\":\"changes\",\"listId\":\"l1\",\"changes\":[{\"seq\":0,\"op\":\"upsert\",\"todo\":{\"id\":\"t1\",\"name\":\"Buy milk\","
                        + "\"status\":\"completed\",\"version\":3,\"createdAt\":\"2024-05-01T08:00:00Z\","
                        + "\"updatedAt\":\"2024-05-01T09:30:15.250Z\",\"seq\":0}}]}");
    }

    @Test
    void writesADeleteAsTheContractSays() {
        List<TodoChange> changes = List.of(new TodoChange.Deleted(TodoId.of("t2"), 4));

        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, changes);

        assertThat(frames).extracting(ChangeFrames.Frame::text).containsExactly(
                "{\"type\":\"changes\",\"listId\":\"l1\",\"changes\":[{\"seq\":0,\"op\":\"delete\",\"id\":\"t2\",\"version\":4}]}");
    }

    @Test
    void writesAListUpsertAsTheContractSays() {
        TodoList groceries = new TodoList(ListId.of("l1"), "Groceries \"big\"", PersonId.of("ann"), 2, 42);

        String frame = FRAMES.listUpserted(new ListWithRole(groceries, Role.EDITOR));

        assertThat(frame).isEqualTo("{\"type\":\"list\",\"op\":\"upsert\",\"list\":{\"id\":\"l1\","
                + "\"name\":\"Groceries \\\"big\\\"\",\"role\":\"editor\",\"version\":2,\"seq\":42}}");
    }

    @Test
    void writesAListRemovalAsTheContractSays() {
        String frame = FRAMES.listRemoved(ListId.of("l1"));

        assertThat(frame).isEqualTo("{\"type\":\"list\",\"op\":\"removed\",\"listId\":\"l1\"}");
    }

    @Test
    void givenTheLongestListId_thenALargeBatchStillStaysUnderTheLimit() {
        List<TodoChange> changes = ChangeBatches.largeUpserts(300);
        ListId longest = ListId.of("L".repeat(64));

        List<ChangeFrames.Frame> frames = FRAMES.split(longest, changes);

        assertThat(frames).allSatisfy(frame -> {
            assertThat(frame.text().getBytes(StandardCharsets.UTF_8).length).isLessThan(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES);
            assertThat(frame.text()).startsWith("{\"type\":\"changes\",\"listId\":\"" + longest.value() + "\",\"changes\":[");
        });
    }

    @Test
    void writesAPendingTodoWithTheLowerCaseStatus() {
        Todo pending = aTodo().withId("t3").withStatus(TodoStatus.PENDING).build();

        String json = JsonChangeFrames.encode(new TodoChange.Upserted(pending.withSeq(7)));

        assertThat(json).isEqualTo("{\"seq\":7,\"op\":\"upsert\",\"todo\":{\"id\":\"t3\",\"name\":\"Buy milk\",\"status\":\"pending\","
                + "\"version\":1,\"createdAt\":\"2024-05-01T08:00:00Z\",\"updatedAt\":\"2024-05-01T08:00:00Z\",\"seq\":7}}");
    }

    @Test
    void givenASmallBatch_thenItIsOneFrameWithTheChangesInOrderSeparatedByCommas() {
        List<TodoChange> changes = List.of(
                new TodoChange.Upserted(milk),
                new TodoChange.Deleted(TodoId.of("t2"), 4),
                new TodoChange.Upserted(aTodo().withId("t3").build()));

        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, changes);

        assertThat(frames).containsExactly(new ChangeFrames.Frame(
                HEAD + JsonChangeFrames.encode(changes.get(0))
                        + ",{\"seq\":0,\"op\":\"delete\",\"id\":\"t2\",\"version\":4},"
                        + JsonChangeFrames.encode(changes.get(2)) + TAIL,
                0, 3));
    }

    @Test
    void givenNoChanges_thenThereIsNoFrame() {
        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, List.of());

        assertThat(frames).isEmpty();
    }

    @Test
    void escapesQuotesAndBackslashes() {
        Todo todo = aTodo().withName("Say \"hi\" to C:\\Users\\me").build();

        String json = JsonChangeFrames.encode(new TodoChange.Upserted(todo));

        assertThat(json).contains("\"name\":\"Say \\\"hi\\\" to C:\\\\Users\\\\me\",");
    }

    @Test
    void escapesNewlinesCarriageReturnsAndTabsByTheirShortNames() {
        Todo todo = aTodo().withName("one\ntwo\r\nthree\tfour").build();

        String json = JsonChangeFrames.encode(new TodoChange.Upserted(todo));

        assertThat(json).contains("\"name\":\"one\\ntwo\\r\\nthree\\tfour\",");
    }

    @Test
    void escapesOtherControlCharactersAsUnicodeEscapes() {
        Todo todo = aTodo().withName("a\u0000b\u0001c\u0008d\u000Ce\u001Ff").build();

        String json = JsonChangeFrames.encode(new TodoChange.Upserted(todo));

        assertThat(json).contains("\"name\":\"a\\u0000b\\u0001c\\u0008d\\u000ce\\u001ff\",");
    }

    @Test
    void leavesNoControlCharacterUnescaped() {
        StringBuilder everyControlCharacter = new StringBuilder("<");
        for (char c = 0; c < 0x20; c++) {
            everyControlCharacter.append(c);
        }
        Todo todo = aTodo().withName(everyControlCharacter.append('>').toString()).build();

        String frame = FRAMES.split(LIST, List.of(new TodoChange.Upserted(todo))).get(0).text();

        assertThat(frame.chars().filter(c -> c < 0x20)).isEmpty();
        assertThat(frame).contains("\"name\":\"<\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
                + "\\u0008\\t\\n\\u000b\\u000c\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015"
                + "\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f>\",");
    }

    @Test
    void writesNonAsciiCharactersAsTheyAreAndTheyRoundTripThroughUtf8() {
        String name = "Café für 日本 😀 — ∑ \u007F";
        Todo todo = aTodo().withName(name).build();

        String frame = FRAMES.split(LIST, List.of(new TodoChange.Upserted(todo))).get(0).text();

        assertThat(frame).contains("\"name\":\"" + name + "\",");
        assertThat(new String(frame.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(frame);
    }

    @Test
    void givenALargeBatch_thenEveryFrameIsUnderTheLimitInUtf8Bytes() {
        List<TodoChange> changes = ChangeBatches.largeUpserts(300);

        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, changes);

        assertThat(frameSizes(frames)).hasSizeGreaterThan(1)
                .allSatisfy(bytes -> assertThat(bytes).isLessThan(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES));
    }

    @Test
    void givenALargeBatch_thenTheFramesCarryEveryChangeExactlyOnceInOrder() {
        List<TodoChange> changes = ChangeBatches.largeUpserts(300);

        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, changes);

        assertThat(frames.get(0).from()).isZero();
        assertThat(frames.get(frames.size() - 1).to()).isEqualTo(changes.size());
        for (int i = 0; i < frames.size(); i++) {
            ChangeFrames.Frame frame = frames.get(i);
            assertThat(frame.to()).as("frame %d is not empty", i).isGreaterThan(frame.from());
            if (i > 0) {
                assertThat(frame.from()).as("frame %d starts where frame %d ended", i, i - 1)
                        .isEqualTo(frames.get(i - 1).to());
            }
            assertThat(frame.text()).as("frame %d holds exactly its changes", i)
                    .isEqualTo(HEAD + encodeAll(changes.subList(frame.from(), frame.to())) + TAIL);
        }
        assertThat(todoIdsIn(frames)).isEqualTo(
                IntStream.range(0, 300).mapToObj(i -> String.format("todo-%03d", i)).toList());
    }

    @Test
    void givenALargeBatch_thenAFrameEndsOnlyWhenTheNextChangeWouldNotFit() {
        List<TodoChange> changes = ChangeBatches.largeUpserts(300);

        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, changes);

        for (ChangeFrames.Frame frame : frames.subList(0, frames.size() - 1)) {
            int withNextChange = utf8Bytes(frame.text()) + 1 + utf8Bytes(JsonChangeFrames.encode(changes.get(frame.to())));
            assertThat(withNextChange).isGreaterThan(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES);
        }
    }

    @Test
    void givenABatchOneByteUnderTheLimit_thenItIsOneFrame() {
        List<TodoChange> changes = FullFrames.fillingOneFrameOf(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES - 1);

        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, changes);

        assertThat(frameSizes(frames)).containsExactly(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES - 1);
    }

    @Test
    void givenABatchOneByteOverTheLimit_thenItIsSplitAndEveryFrameIsUnderIt() {
        List<TodoChange> changes = FullFrames.fillingOneFrameOf(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES + 1);
        assertThat(utf8Bytes(HEAD + encodeAll(changes) + TAIL)).isEqualTo(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES + 1);

        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, changes);

        assertThat(frameSizes(frames)).hasSize(2)
                .allSatisfy(bytes -> assertThat(bytes).isLessThan(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES));
        assertThat(frames.get(1).to()).isEqualTo(changes.size());
    }

    private static String encodeAll(List<TodoChange> changes) {
        return changes.stream().map(JsonChangeFrames::encode).collect(Collectors.joining(","));
    }

    private static List<String> todoIdsIn(List<ChangeFrames.Frame> frames) {
        List<String> ids = new ArrayList<>();
        for (ChangeFrames.Frame frame : frames) {
            Matcher matcher = TODO_ID.matcher(frame.text());
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    /** Sizes rather than frames, so a failure does not print half a megabyte of JSON. */
    private static List<Integer> frameSizes(List<ChangeFrames.Frame> frames) {
        return frames.stream().map(frame -> utf8Bytes(frame.text())).toList();
    }

    private static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void givenABatchOfExactlyTheLimit_thenItIsSplitSoEveryFrameIsUnderIt() {
        List<TodoChange> changes = FullFrames.fillingOneFrameOf(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES);

        List<ChangeFrames.Frame> frames = FRAMES.split(LIST, changes);

        assertThat(frames).hasSizeGreaterThan(1).allSatisfy(frame ->
                assertThat(frame.text().getBytes(StandardCharsets.UTF_8).length).isLessThan(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES));
    }

    @Test
    void eachFrameIsTheChangesFrameRecordWrittenWhole() {
        List<TodoChange> changes = List.of(
                new TodoChange.Upserted(milk),
                new TodoChange.Deleted(TodoId.of("t2"), 4));

        String frame = FRAMES.split(LIST, changes).get(0).text();

        assertThat(frame).isEqualTo(LiveJson.write(new ChangesFrame("l1", null, changes.stream().map(ChangeJson::of).toList())));
    }

    @Test
    void givenNumberedChanges_thenEachFrameCarriesTheCursorOfItsHighestSeqBeforeItsChanges() {
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        JsonChangeFrames frames = new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES, Clock.fixed(now, ZoneOffset.UTC));
        List<TodoChange> changes = List.of(new TodoChange.Upserted(milk.withSeq(41)), new TodoChange.Deleted(TodoId.of("t2"), 4, 42));

        String frame = frames.split(LIST, changes).get(0).text();

        String cursor = Cursors.encode(new ChangeCursor(42, now));
        assertThat(frame).isEqualTo(LiveJson.write(new ChangesFrame("l1", cursor, changes.stream().map(ChangeJson::of).toList())));
        assertThat(frame).startsWith("{\"type\":\"changes\",\"listId\":\"l1\",\"cursor\":\"" + cursor + "\",\"changes\":[{\"seq\":41,\"op\":\"upsert\"");
        assertThat(frame).endsWith("{\"seq\":42,\"op\":\"delete\",\"id\":\"t2\",\"version\":4}]}");
    }

    @Test
    void givenATraceUnderWay_thenEveryFrameCarriesItsIdBeforeItsChangesAndStillFitsTheLimit() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        JsonChangeFrames frames = new JsonChangeFrames(2_000, Clock.fixed(now, ZoneOffset.UTC), () -> java.util.Optional.of(trace));
        List<TodoChange> changes = java.util.stream.LongStream.rangeClosed(1, 60)
                .mapToObj(seq -> (TodoChange) new TodoChange.Upserted(milk.withSeq(seq))).toList();

        List<ChangeFrames.Frame> split = frames.split(LIST, changes);

        assertThat(split).hasSizeGreaterThan(1).allSatisfy(frame -> {
            assertThat(frame.text().getBytes(StandardCharsets.UTF_8).length).isLessThan(2_000);
            assertThat(frame.text()).matches("\\{\"type\":\"changes\",\"listId\":\"l1\",\"cursor\":\"[^\"]+\",\"trace\":\"" + trace
                    + "\",\"changes\":\\[.*");
        });
    }

    @Test
    void givenSomethingElseThanATraceId_thenTheFrameCarriesNoTrace() {
        for (String notATraceId : List.of("", "0".repeat(32), "4BF92F3577B34DA6A3CE929D0E0E4736", "x".repeat(32), "4bf92f3577b34da6a3ce929d0e0e47360")) {
            JsonChangeFrames frames = new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES, Clock.systemUTC(),
                    () -> java.util.Optional.of(notATraceId));

            assertThat(frames.split(LIST, List.of(new TodoChange.Upserted(milk))).get(0).text()).as(notATraceId).startsWith(HEAD);
        }
    }

    @Test
    void givenManyNumberedChanges_thenEverySplitFrameStaysUnderTheLimitWithItsOwnCursor() {
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        JsonChangeFrames frames = new JsonChangeFrames(2_000, Clock.fixed(now, ZoneOffset.UTC));
        List<TodoChange> changes = java.util.stream.LongStream.rangeClosed(1, 60)
                .mapToObj(seq -> (TodoChange) new TodoChange.Upserted(milk.withSeq(Long.MAX_VALUE / 2 + seq))).toList();

        List<ChangeFrames.Frame> split = frames.split(LIST, changes);

        assertThat(split).hasSizeGreaterThan(1);
        for (ChangeFrames.Frame frame : split) {
            assertThat(frame.text().getBytes(StandardCharsets.UTF_8).length).isLessThan(2_000);
            long highest = changes.get(frame.to() - 1).seq();
            assertThat(frame.text()).contains("\"cursor\":\"" + Cursors.encode(new ChangeCursor(highest, now)) + "\"");
        }
    }

    @Test
    void givenASmallerLimit_thenEveryFrameStaysUnderThatOne() {
        ChangeFrames small = new JsonChangeFrames(4_000);
        List<TodoChange> changes = ChangeBatches.largeUpserts(20);

        List<ChangeFrames.Frame> frames = small.split(LIST, changes);

        assertThat(frameSizes(frames)).hasSizeGreaterThan(FRAMES.split(LIST, changes).size())
                .allSatisfy(bytes -> assertThat(bytes).isLessThan(4_000));
        assertThat(frames.get(frames.size() - 1).to()).isEqualTo(changes.size());
    }

    @Test
    void refusesALimitNoFrameFitsUnder() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JsonChangeFrames(HEAD.length() + TAIL.length()));
    }

    @Test
    void thePongIsTheContractsPong() {
        assertThat(FRAMES.pong()).isEqualTo("{\"type\":\"pong\"}");
    }
}
