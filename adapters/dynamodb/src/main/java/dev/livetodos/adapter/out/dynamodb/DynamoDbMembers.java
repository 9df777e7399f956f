package dev.livetodos.adapter.out.dynamodb;

import static dev.livetodos.adapter.out.dynamodb.ListItems.PK;
import static dev.livetodos.adapter.out.dynamodb.ListItems.ROLE;
import static dev.livetodos.adapter.out.dynamodb.ListItems.SK;
import static dev.livetodos.adapter.out.dynamodb.ListItems.s;

import dev.livetodos.application.port.out.ListRoster;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Members in the todo table (keys in {@link ListItems}). A person's lists come from the global
 * secondary index {@code GSI1} ({@code gsi1pk = USER#<personId>}), which projects the member's
 * role, and the lists' META items, read in one BatchGetItem per 100 lists: a list's name and
 * {@code seq} change with its writes, so they are not copied onto every member item. The index
 * is eventually consistent: a membership granted a moment ago may take a moment to show there.
 */
public final class DynamoDbMembers implements Members {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbMembers.class);

    private final DynamoDbAsyncClient client;
    private final String tableName;

    public DynamoDbMembers(DynamoDbAsyncClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public Mono<Member> find(ListId list, PersonId person) {
        return Mono.fromFuture(() -> client.getItem(request -> request
                        .tableName(tableName).key(ListItems.memberKey(list, person)).consistentRead(true)))
                .filter(GetItemResponse::hasItem)
                .map(response -> ListItems.toMember(response.item()))
                .onErrorMap(StoreErrors::translate);
    }

    /** One Query of GSI1 (paged), then one BatchGetItem per 100 lists for their META items. */
    @Override
    public Flux<ListWithRole> listsOf(PersonId person) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .indexName(ListItems.GSI1)
                .keyConditionExpression("#gsi1pk = :person")
                .expressionAttributeNames(Map.of("#gsi1pk", ListItems.GSI1_PK))
                .expressionAttributeValues(Map.of(":person", s(ListItems.USER_PREFIX + person.value())))
                .build();
        return QueryPages.items(client.queryPaginator(query))
                .onErrorMap(StoreErrors::translate)
                .collectList()
                .flatMapMany(memberships -> {
                    Map<String, Role> roles = new HashMap<>();
                    List<Map<String, AttributeValue>> metaKeys = new ArrayList<>();
                    for (Map<String, AttributeValue> membership : memberships) {
                        String pk = membership.get(PK).s();
                        Optional<Role> role = readRole(membership);
                        if (role.isPresent() && roles.put(pk, role.get()) == null) {
                            metaKeys.add(ListItems.key(pk, ListItems.META));
                        }
                    }
                    return StoreBatches.getAll(client, tableName, metaKeys)
                            .filter(meta -> !ListItems.isDeleted(meta))
                            .flatMap(meta -> readList(meta).map(list -> new ListWithRole(list, roles.get(meta.get(PK).s()))));
                });
    }

    @Override
    public Flux<Member> of(ListId list) {
        return roster(list).flatMapIterable(ListRoster::members);
    }

    /**
     * One strongly consistent Query (paged): {@code MEMBER#…} sorts just before {@code META}, and
     * {@code TODO#…} after it, so it reads exactly the members and the META. A member item that
     * cannot be read is left out (and logged): it must not keep the others from their changes.
     */
    @Override
    public Mono<ListRoster> roster(ListId list) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :first AND :meta")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(ListItems.listPartition(list)),
                        ":first", s(ListItems.MEMBER_PREFIX), ":meta", s(ListItems.META)))
                .build();
        return QueryPages.items(client.queryPaginator(query))
                .onErrorMap(StoreErrors::translate)
                .collectList()
                .map(items -> {
                    Optional<Map<String, AttributeValue>> meta = items.stream()
                            .filter(item -> !ListItems.isMember(item) && !ListItems.isDeleted(item)).findFirst();
                    Optional<TodoList> live = meta.flatMap(DynamoDbMembers::readListNow);
                    if (live.isEmpty()) {
                        return ListRoster.gone(list);
                    }
                    List<Member> members = new ArrayList<>();
                    for (Map<String, AttributeValue> item : items) {
                        if (ListItems.isMember(item)) {
                            readMember(item).ifPresent(members::add);
                        }
                    }
                    return new ListRoster(list, live, members);
                });
    }

    private static Optional<Member> readMember(Map<String, AttributeValue> item) {
        try {
            return Optional.of(ListItems.toMember(item));
        } catch (RuntimeException unreadable) {
            log.warn("Skipped the membership {} / {}: it cannot be read ({}).", item.get(PK), item.get(SK), unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** One TransactWriteItems: the member item, conditional on the role read, and a check that the list is live. */
    @Override
    public Mono<Void> put(Member member, Optional<Role> expectedRole) {
        Put.Builder put = Put.builder().tableName(tableName).item(ListItems.member(member));
        if (expectedRole.isEmpty()) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK));
        } else {
            put.conditionExpression("#role = :expected").expressionAttributeNames(Map.of("#role", ROLE))
                    .expressionAttributeValues(Map.of(":expected", s(expectedRole.get().value())));
        }
        List<TransactWriteItem> items = List.of(TransactWriteItem.builder().put(put.build()).build(),
                ListAccessConditions.listIsLive(tableName, member.listId()));
        return Mono.fromFuture(() -> client.transactWriteItems(request -> request.transactItems(items)))
                .then()
                .onErrorMap(error -> StoreBatches.translateTransaction(error,
                        "the membership of " + member.personId() + " in the list " + member.listId()));
    }

    /** One DeleteItem, which never removes an owner's item. */
    @Override
    public Mono<Void> remove(ListId list, PersonId person) {
        return Mono.fromFuture(() -> client.deleteItem(request -> request
                        .tableName(tableName)
                        .key(ListItems.memberKey(list, person))
                        .conditionExpression("attribute_not_exists(#pk) OR #role <> :owner")
                        .expressionAttributeNames(Map.of("#pk", PK, "#role", ROLE))
                        .expressionAttributeValues(Map.of(":owner", s(Role.OWNER.value())))))
                .then()
                .onErrorMap(StoreErrors::unwrap)
                .onErrorMap(ConditionalCheckFailedException.class,
                        owner -> new IllegalStateException("the owner's membership of " + list + " is never removed"))
                .onErrorMap(StoreErrors::translate);
    }

    private static Optional<Role> readRole(Map<String, AttributeValue> membership) {
        try {
            return Optional.of(Role.of(membership.get(ROLE).s()));
        } catch (RuntimeException unreadable) {
            log.warn("Skipped the membership {} / {}: its role cannot be read.", membership.get(PK), membership.get(SK));
            return Optional.empty();
        }
    }

    private static Mono<TodoList> readList(Map<String, AttributeValue> meta) {
        return Mono.justOrEmpty(readListNow(meta));
    }

    private static Optional<TodoList> readListNow(Map<String, AttributeValue> meta) {
        try {
            return Optional.of(ListItems.toList(meta));
        } catch (RuntimeException unreadable) {
            log.warn("Skipped the list {}: its META item cannot be read ({}).", meta.get(PK).s(), unreadable.getMessage());
            return Optional.empty();
        }
    }
}
