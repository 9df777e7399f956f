package dev.livetodos.application.port.in;

import static dev.livetodos.domain.model.TodoFixtures.aTodo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.ListChange;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.TodoChange;
import dev.livetodos.domain.model.TodoId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishTodoChangesCommandTest {

    @Test
    void keepsTheChangesInTheOrderTheStoreMadeThemAndIsNotChangedAfterwards() {
        ListId list = ListId.of("l1");
        ListChange created = new ListChange.TodoChanged(list, new TodoChange.Upserted(aTodo().withId("t1").build()));
        ListChange deleted = new ListChange.TodoChanged(list, new TodoChange.Deleted(TodoId.of("t1"), 2));
        List<ListChange> changes = new ArrayList<>(List.of(created, deleted));

        PublishTodoChangesCommand command = new PublishTodoChangesCommand(changes);
        changes.clear();

        assertThat(command.changes()).containsExactly(created, deleted);
    }
}
