package dev.livetodos.adapter.out.dynamodb;

import static dev.livetodos.adapter.out.dynamodb.ListItems.DELETED;
import static dev.livetodos.adapter.out.dynamodb.ListItems.NAME;
import static dev.livetodos.adapter.out.dynamodb.ListItems.PK;
import static dev.livetodos.adapter.out.dynamodb.ListItems.SEQ;
import static dev.livetodos.adapter.out.dynamodb.ListItems.SK;
import static dev.livetodos.adapter.out.dynamodb.ListItems.VERSION;
import static dev.livetodos.adapter.out.dynamodb.ListItems.n;
import static dev.livetodos.adapter.out.dynamodb.ListItems.s;

import dev.livetodos.application.port.out.ListWithCaller;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.ListConflictException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoList;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Lists in the todo table (keys in {@link ListItems}). Reads are strongly consistent; every
 * write is conditional, so one based on a state that has since changed writes nothing.
 *
 * <p><b>Deleting a list</b> happens in steps, because a list may hold more items than one
 * transaction (100) takes:
 * <ol>
 * <li>One transaction marks the META item deleted and deletes up to 99 member items. From this
 *     moment the list is gone: every access (a read, a todo write's condition, accepting an
 *     invite, "my lists") needs a live META, and a small list's memberships are gone with it.</li>
 * <li>Everything else under {@code LIST#<id>} (members beyond 99, a member who joined between
 *     the read and the transaction, the todos) is deleted in batches of 25. Nothing new can be
 *     added now, since every write to the list is conditional on a live META.</li>
 * <li>The META item itself is deleted, which frees the id.</li>
 * </ol>
 * A crash between the steps leaves a deleted META with some items under it. They are out of
 * reach: no access passes the META check, so no person sees, changes or is told of them, and the
 * id stays taken, so a new list under it (ids are client-chosen) cannot inherit them. Deleting
 * the id again (this method, called on a half-deleted list) finishes the sweep. Invites to the
 * list are not indexed by list; they stop working with the META and expire by time to live.
 */
public final class DynamoDbLists implements Lists {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbLists.class);

    private final DynamoDbAsyncClient client;
    private final String tableName;

    public DynamoDbLists(DynamoDbAsyncClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public Mono<TodoList> createIfAbsent(TodoList list, Member owner) {
        List<TransactWriteItem> items = List.of(
                putIfAbsent(ListItems.meta(list)),
                putIfAbsent(ListItems.member(owner)));
        return Mono.fromFuture(() -> client.transactWriteItems(request -> request.transactItems(items)))
                .then(Mono.<TodoList>empty())
                .onErrorResume(error -> {
                    List<String> codes = StoreBatches.cancellationCodes(StoreErrors.unwrap(error));
                    if (codes.contains("ConditionalCheckFailed")) {
                        return occupant(list.id());
                    }
                    return Mono.error(StoreBatches.translateTransaction(error, "the list " + list.id()));
                });
    }

    /** What holds an id a create found taken: a live list, or the remains of a deleted one. */
    private Mono<TodoList> occupant(ListId id) {
        return meta(id)
                .flatMap(meta -> ListItems.isDeleted(meta) ? Mono.<TodoList>empty() : Mono.just(ListItems.toList(meta)))
                .switchIfEmpty(Mono.error(() -> ListConflictException.idTaken(id)));
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)).build()).build();
    }

    @Override
    public Mono<TodoList> find(ListId id) {
        return meta(id).filter(meta -> !ListItems.isDeleted(meta)).map(ListItems::toList);
    }

    private Mono<Map<String, AttributeValue>> meta(ListId id) {
        return Mono.fromFuture(() -> client.getItem(request -> request.tableName(tableName).key(ListItems.metaKey(id)).consistentRead(true)))
                .filter(GetItemResponse::hasItem)
                .map(GetItemResponse::item)
                .onErrorMap(StoreErrors::translate);
    }

    /** One BatchGetItem for the META and the person's member item. */
    @Override
    public Mono<ListWithCaller> findFor(ListId id, PersonId person) {
        return StoreBatches.getAll(client, tableName, List.of(ListItems.metaKey(id), ListItems.memberKey(id, person)))
                .collectList()
                .flatMap(items -> {
                    Optional<Map<String, AttributeValue>> meta = items.stream().filter(item -> !ListItems.isMember(item)).findFirst();
                    if (meta.isEmpty() || ListItems.isDeleted(meta.get())) {
                        return Mono.empty();
                    }
                    Optional<Member> caller = items.stream().filter(ListItems::isMember).findFirst().map(ListItems::toMember);
                    return Mono.just(new ListWithCaller(ListItems.toList(meta.get()), caller));
                });
    }

    @Override
    public Mono<TodoList> rename(TodoList renamed) {
        return Mono.fromFuture(() -> client.updateItem(request -> request
                        .tableName(tableName)
                        .key(ListItems.metaKey(renamed.id()))
                        .conditionExpression("#version = :previous AND attribute_not_exists(#deleted)")
                        // A rename is a write to the list: it takes the list's next seq too.
                        .updateExpression("SET #name = :name, #version = :version, #seq = if_not_exists(#seq, :zero) + :one")
                        .expressionAttributeNames(Map.of("#version", VERSION, "#deleted", DELETED, "#name", NAME, "#seq", SEQ))
                        .expressionAttributeValues(Map.of(":previous", n(renamed.version() - 1), ":version", n(renamed.version()),
                                ":name", s(renamed.name()), ":zero", n(0), ":one", n(1)))
                        .returnValues(ReturnValue.UPDATED_NEW)))
                .map(updated -> new TodoList(renamed.id(), renamed.name(), renamed.ownerId(), renamed.version(),
                        Long.parseLong(updated.attributes().get(SEQ).n())))
                .onErrorMap(StoreErrors::unwrap)
                .onErrorMap(ConditionalCheckFailedException.class,
                        raced -> new ConcurrentUpdateException("Another writer changed the list " + renamed.id() + " at the same time."))
                .onErrorMap(StoreErrors::translate);
    }

    @Override
    public Mono<Void> delete(ListId id) {
        return keysUnder(id, true)
                .collectList()
                .flatMap(members -> endAccess(id, members))
                .flatMap(ended -> ended ? sweep(id) : Mono.empty());
    }

    /**
     * Step 1: the META marked deleted, with as many member items as fit beside it. Emits false
     * when there was no list, true when it is (or already was) marked deleted.
     */
    private Mono<Boolean> endAccess(ListId id, List<Map<String, AttributeValue>> memberKeys) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(ListItems.metaKey(id))
                .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#deleted)")
                .updateExpression("SET #deleted = :true REMOVE #name")
                .expressionAttributeNames(Map.of("#pk", PK, "#deleted", DELETED, "#name", NAME))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))
                .build()).build());
        memberKeys.stream().limit(StoreBatches.MAX_TRANSACTION_ITEMS - 1)
                .forEach(key -> items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tableName).key(key).build()).build()));
        return Mono.fromFuture(() -> client.transactWriteItems(request -> request.transactItems(items)))
                .thenReturn(true)
                .onErrorResume(error -> {
                    List<String> codes = StoreBatches.cancellationCodes(StoreErrors.unwrap(error));
                    if (!codes.isEmpty() && "ConditionalCheckFailed".equals(codes.get(0))) {
                        // No list, or one whose deletion stopped half-way: finish that one.
                        return meta(id).map(ListItems::isDeleted).defaultIfEmpty(false);
                    }
                    return Mono.error(StoreBatches.translateTransaction(error, "the list " + id));
                });
    }

    /** Steps 2 and 3: everything left under the list's key, then its META. */
    private Mono<Void> sweep(ListId id) {
        return keysUnder(id, false)
                .filter(key -> !ListItems.META.equals(key.get(SK).s()))
                .buffer(StoreBatches.MAX_WRITE_REQUESTS)
                .concatMap(keys -> StoreBatches.deleteAll(client, tableName, keys))
                .then(Mono.fromFuture(() -> client.deleteItem(request -> request
                        .tableName(tableName)
                        .key(ListItems.metaKey(id))
                        .conditionExpression("#deleted = :true")
                        .expressionAttributeNames(Map.of("#deleted", DELETED))
                        .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))))))
                .then()
                .onErrorMap(StoreErrors::unwrap)
                .onErrorResume(ConditionalCheckFailedException.class, finishedMeanwhile -> Mono.empty())
                .doOnSuccess(done -> log.info("Deleted the list {} with its members and todos.", id))
                .onErrorMap(StoreErrors::translate);
    }

    /** The keys of the list's member items, or of every item under the list's partition. */
    private Flux<Map<String, AttributeValue>> keysUnder(ListId id, boolean membersOnly) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .projectionExpression("#pk, #sk");
        if (membersOnly) {
            query.keyConditionExpression("#pk = :pk AND begins_with(#sk, :member)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", s(ListItems.listPartition(id)), ":member", s(ListItems.MEMBER_PREFIX)));
        } else {
            query.keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", s(ListItems.listPartition(id))));
        }
        QueryRequest request = query.build();
        return QueryPages.items(client.queryPaginator(request)).onErrorMap(StoreErrors::translate);
    }
}
