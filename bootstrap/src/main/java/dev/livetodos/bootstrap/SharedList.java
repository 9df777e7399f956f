package dev.livetodos.bootstrap;

import dev.livetodos.adapter.out.dynamodb.DynamoDbLegacyTodos;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The one list the API serves until people sign in (the step of version 2 after this one): every
 * caller of {@code /api/todos} reads and writes it, as in version 1. Its todos are stored like any
 * list's, under {@code LIST#default}, and its owner is {@link #EVERYONE}, so every write passes the
 * same member check in the store as a signed-in person's will. On first start the todos version 1
 * kept under its own partition move into it (once; logged).
 */
public final class SharedList {

    static final ListId ID = ListId.of("default");
    static final PersonId EVERYONE = PersonId.of("everyone");

    private static final Logger log = LoggerFactory.getLogger(SharedList.class);

    private final Lists lists;
    private final DynamoDbLegacyTodos legacy;

    SharedList(Lists lists, DynamoDbLegacyTodos legacy) {
        this.lists = lists;
        this.legacy = legacy;
    }

    /** Creates the list unless it exists, then moves version 1's todos into it. */
    public Mono<Void> ensure() {
        TodoList list = TodoList.create(ID, "Shared todos", EVERYONE);
        // Every start after the first finds it with one read, instead of a transaction that fails.
        return lists.find(ID)
                .switchIfEmpty(Mono.defer(() -> lists.createIfAbsent(list,
                        Member.of(ID, new Person(EVERYONE, "Everyone"), Role.OWNER))))
                .then(legacy.moveInto(ID))
                .doOnNext(moved -> {
                    if (moved > 0) {
                        log.info("Moved {} todos of version 1 into the list {}", moved, ID);
                    }
                })
                .then();
    }
}
