package dev.livetodos.adapter.in.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.livetodos.application.port.in.PublishReport;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.domain.model.ListChange;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import dev.livetodos.domain.model.TodoList;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A list's life in the stream, as Lambda's event JSON has it: created with its owner, a member
 * joining, changing role and leaving, a rename, a todo deleted, the list deleted; tickets,
 * invites and people in between, which are no list's change.
 */
class TodoStreamListChangesTest {

    private static final ListId L1 = ListId.of("l1");
    private static final PersonId ANN = PersonId.of("ann");
    private static final PersonId BOB = PersonId.of("bob");

    private final List<PublishTodoChangesCommand> published = new ArrayList<>();
    private final TodoStreamHandler handler = new TodoStreamHandler(command -> {
        published.add(command);
        return Mono.just(new PublishReport(List.of(), 1, 0));
    }, Duration.ofSeconds(5));

    @Test
    void readsMembersListsAndTodosAsListChangesAndLeavesEverythingElseOut() {
        StreamsEventResponse response = handler.apply(event("list-stream-batch.json"));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handler.skippedRecords()).isZero();
        assertThat(published).singleElement().satisfies(command -> assertThat(command.changes()).containsExactly(
                new ListChange.ListUpdated(new TodoList(L1, "Groceries", ANN, 1, 0)),
                ListChange.MembershipChanged.joined(L1, ANN, Role.OWNER),
                ListChange.MembershipChanged.joined(L1, BOB, Role.EDITOR),
                new ListChange.MembershipChanged(L1, BOB, Optional.of(Role.EDITOR), Optional.of(Role.VIEWER)),
                // Bob's name on his member item changed, not his role: no change to anyone.
                new ListChange.ListUpdated(new TodoList(L1, "Food", ANN, 2, 0)),
                // Only the list's seq changed: no change to anyone.
                new ListChange.TodoChanged(L1, new TodoChange.Deleted(TodoId.of("t1"), 2)),
                ListChange.MembershipChanged.left(L1, BOB, Role.VIEWER),
                // A ticket, an invite and a person: no list's change.
                new ListChange.ListDeleted(L1),
                ListChange.MembershipChanged.left(L1, ANN, Role.OWNER),
                // The marked META's removal ends a deletion already told; a live META removed by hand is one.
                new ListChange.ListDeleted(ListId.of("l2"))));
    }

    @Test
    void eachChangeIsPublishedAtItsRecordsSequenceNumber() {
        handler.apply(event("list-stream-batch.json"));

        assertThat(published.get(0).positions()).containsExactly(
                position(1), position(2), position(3), position(4), position(6), position(8), position(9),
                position(13), position(14), position(16));
    }

    @Test
    void givenADeleteWhoseOldImageIsUnderAnotherList_thenTheOldImageDecidesTheList() {
        DynamodbEvent event = event("list-stream-batch.json");
        DynamodbEvent.DynamodbStreamRecord delete = event.getRecords().get(7);
        delete.getDynamodb().getOldImage().put("pk",
                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS("LIST#other"));
        event.setRecords(List.of(delete));

        handler.apply(event);

        assertThat(published).singleElement().satisfies(command -> assertThat(command.changes()).containsExactly(
                new ListChange.TodoChanged(ListId.of("other"), new TodoChange.Deleted(TodoId.of("t1"), 2))));
    }

    @Test
    void givenAMemberItemWithoutARole_thenOnlyItIsSkipped() {
        DynamodbEvent event = event("list-stream-batch.json");
        event.getRecords().get(2).getDynamodb().getNewImage().remove("role");

        handler.apply(event);

        assertThat(handler.skippedRecords()).isEqualTo(1);
        assertThat(published.get(0).changes()).hasSize(9);
    }

    private static StreamPosition position(int record) {
        return StreamPosition.of(String.format("5000000000000000000%02d", record));
    }

    private static DynamodbEvent event(String name) {
        try (InputStream json = TodoStreamListChangesTest.class.getResourceAsStream("/events/" + name)) {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, TodoStreamListChangesTest.class.getClassLoader())
                    .fromJson(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
