package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** A fresh table holding one list, "Groceries", owned by Olga with Eddie as its editor. */
final class GroceriesTable {

    static final ListId LIST = ListId.of("groceries");
    static final Person OWNER = Person.of(PersonId.of("olga"), "Olga");
    static final Person EDITOR = Person.of(PersonId.of("eddie"), "Eddie");

    private GroceriesTable() {
    }

    /** Creates the table and the list; gives the table's name. */
    static String create(DynamoDbAsyncClient client, Duration wait) {
        String tableName = "todos-" + UUID.randomUUID();
        DynamoDbTodoTable.createIfMissing(client, tableName).block(wait);
        new DynamoDbLists(client, tableName)
                .createIfAbsent(TodoList.create(LIST, "Groceries", OWNER.id()), Member.of(LIST, OWNER, Role.OWNER)).block(wait);
        new DynamoDbMembers(client, tableName).put(Member.of(LIST, EDITOR, Role.EDITOR), Optional.empty()).block(wait);
        return tableName;
    }
}
