package dev.livetodos.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetodos.application.port.in.EnsurePersonCommand;
import dev.livetodos.application.port.out.ListRoster;
import dev.livetodos.application.port.out.ListWithCaller;
import dev.livetodos.application.service.EnsurePersonService;
import dev.livetodos.domain.model.ConcurrentUpdateException;
import dev.livetodos.domain.model.ListConflictException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.testsupport.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Lists, members and people against DynamoDB Local, with the store calls each costs. */
class DynamoDbListsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Person ANN = Person.of(PersonId.of("ann"), "Ann");
    private static final Person BOB = Person.of(PersonId.of("bob"), "Bob");
    private static final Person CLEO = Person.of(PersonId.of("cleo"), "Cleo");

    private static final StoreCalls calls = new StoreCalls();

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    private String tableName;
    private DynamoDbLists lists;
    private DynamoDbMembers members;
    private DynamoDbPeople people;

    @BeforeAll
    static void startStore() throws Exception {
        dynamoDb = LocalDynamoDb.start();
        client = dynamoDb.client(calls);
    }

    @AfterAll
    static void stopStore() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @BeforeEach
    void freshTable() {
        tableName = "todos-" + UUID.randomUUID();
        DynamoDbTodoTable.createIfMissing(client, tableName).block(WAIT);
        lists = new DynamoDbLists(client, tableName);
        members = new DynamoDbMembers(client, tableName);
        people = new DynamoDbPeople(client, tableName);
        calls.forget();
    }

    @Test
    void createStoresTheListAndItsOwnerInOneTransaction() {
        TodoList list = aList("groceries", ANN);

        StepVerifier.create(lists.createIfAbsent(list, owner(list, ANN))).verifyComplete();

        assertThat(calls.operations()).containsExactly("TransactWriteItems");
        assertThat(lists.find(list.id()).block(WAIT)).isEqualTo(list);
        assertThat(members.find(list.id(), ANN.id()).block(WAIT)).isEqualTo(owner(list, ANN));
        Map<String, AttributeValue> meta = item(ListItems.metaKey(list.id()));
        assertThat(meta).containsEntry("pk", AttributeValue.fromS("LIST#groceries")).containsEntry("sk", AttributeValue.fromS("META"))
                .containsEntry("name", AttributeValue.fromS("Groceries")).containsEntry("ownerId", AttributeValue.fromS("ann"))
                .containsEntry("version", AttributeValue.fromN("1")).containsEntry("seq", AttributeValue.fromN("0"));
        assertThat(item(ListItems.memberKey(list.id(), ANN.id())))
                .containsEntry("sk", AttributeValue.fromS("MEMBER#ann")).containsEntry("role", AttributeValue.fromS("owner"))
                .containsEntry("name", AttributeValue.fromS("Ann")).containsEntry("gsi1pk", AttributeValue.fromS("USER#ann"))
                .containsEntry("gsi1sk", AttributeValue.fromS("LIST#groceries"));
    }

    @Test
    void givenTheIdIsTaken_thenCreateGivesTheStoredListAndWritesNothing() {
        TodoList list = aList("groceries", ANN);
        lists.createIfAbsent(list, owner(list, ANN)).block(WAIT);

        StepVerifier.create(lists.createIfAbsent(TodoList.create(list.id(), "Other", BOB.id()), owner(list, BOB)))
                .expectNext(list)
                .verifyComplete();

        assertThat(members.find(list.id(), BOB.id()).block(WAIT)).isNull();
        assertThat(lists.find(list.id()).block(WAIT)).isEqualTo(list);
    }

    @Test
    void findForReadsTheListAndTheCallersMembershipInOneCall() {
        TodoList list = sharedList();
        calls.forget();

        ListWithCaller asBob = lists.findFor(list.id(), BOB.id()).block(WAIT);
        ListWithCaller asDan = lists.findFor(list.id(), PersonId.of("dan")).block(WAIT);

        assertThat(asBob).isEqualTo(new ListWithCaller(list, Optional.of(Member.of(list.id(), BOB, Role.EDITOR))));
        assertThat(asDan).isEqualTo(new ListWithCaller(list, Optional.empty()));
        assertThat(lists.findFor(ListId.of("nope"), ANN.id()).block(WAIT)).isNull();
        assertThat(calls.operations()).containsExactly("BatchGetItem", "BatchGetItem", "BatchGetItem");
    }

    @Test
    void renameWritesTheNewNameAndVersionAndTakesTheListsNextSeqInOneCall() {
        TodoList list = sharedList();
        calls.forget();

        StepVerifier.create(lists.rename(list.renamed("Food"))).expectNext(new TodoList(list.id(), "Food", ANN.id(), 2, 1)).verifyComplete();

        assertThat(calls.operations()).containsExactly("UpdateItem");
        assertThat(lists.find(list.id()).block(WAIT)).isEqualTo(new TodoList(list.id(), "Food", ANN.id(), 2, 1));
    }

    @Test
    void givenAStaleVersion_thenRenameIsARaceAndNothingIsWritten() {
        TodoList list = sharedList();
        lists.rename(list.renamed("Food")).block(WAIT);

        StepVerifier.create(lists.rename(list.renamed("Stale"))).verifyError(ConcurrentUpdateException.class);

        assertThat(lists.find(list.id()).block(WAIT)).isEqualTo(new TodoList(list.id(), "Food", ANN.id(), 2, 1));
    }

    @Test
    void aPersonsListsComeFromTheIndexWithTheirRoleOnEach() {
        TodoList shared = sharedList();
        TodoList bobs = aList("bobs", BOB);
        lists.createIfAbsent(bobs, owner(bobs, BOB)).block(WAIT);
        calls.forget();

        List<ListWithRole> found = members.listsOf(BOB.id()).collectList().block(WAIT);

        assertThat(found).containsExactlyInAnyOrder(new ListWithRole(shared, Role.EDITOR), new ListWithRole(bobs, Role.OWNER));
        assertThat(calls.operations()).containsExactly("Query", "BatchGetItem");
        assertThat(members.listsOf(PersonId.of("dan")).collectList().block(WAIT)).isEmpty();
    }

    @Test
    void aPersonOnMoreThanAHundredListsGetsThemAllInOneBatchGetPerHundred() {
        List<TodoList> many = IntStream.range(0, 130).mapToObj(i -> aList("list-" + i, ANN)).toList();
        Flux.fromIterable(many).flatMap(list -> lists.createIfAbsent(list, owner(list, ANN)), 8).blockLast(WAIT);
        calls.forget();

        List<ListWithRole> found = members.listsOf(ANN.id()).collectList().block(WAIT);

        assertThat(found).extracting(ListWithRole::list).containsExactlyInAnyOrderElementsOf(many);
        assertThat(calls.operations()).containsExactly("Query", "BatchGetItem", "BatchGetItem");
    }

    @Test
    void membersOfAListComeInOneQueryAndNoneOfTheTodosWithThem() {
        TodoList list = sharedList();
        putTodo(list.id(), "t1");
        calls.forget();

        List<Member> found = members.of(list.id()).collectList().block(WAIT);

        assertThat(found).containsExactlyInAnyOrder(owner(list, ANN), Member.of(list.id(), BOB, Role.EDITOR),
                Member.of(list.id(), CLEO, Role.VIEWER));
        assertThat(calls.operations()).containsExactly("Query");
        assertThat(members.of(ListId.of("nope")).collectList().block(WAIT)).isEmpty();
    }

    @Test
    void aListsRosterIsItsMetaAndItsMembersFromOneConsistentQuery() {
        TodoList list = sharedList();
        putTodo(list.id(), "t1");
        calls.forget();

        ListRoster roster = members.roster(list.id()).block(WAIT);

        assertThat(roster.list()).contains(list);
        assertThat(roster.members()).containsExactlyInAnyOrder(owner(list, ANN), Member.of(list.id(), BOB, Role.EDITOR),
                Member.of(list.id(), CLEO, Role.VIEWER));
        assertThat(calls.operations()).containsExactly("Query");
        assertThat(((QueryRequest) calls.requests().get(0)).consistentRead()).isTrue();
    }

    @Test
    void aListThatIsGoneOrBeingDeletedHasAnEmptyRoster() {
        TodoList list = sharedList();
        client.updateItem(request -> request.tableName(tableName).key(ListItems.metaKey(list.id()))
                .updateExpression("SET deleted = :true").expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))).join();

        assertThat(members.roster(list.id()).block(WAIT)).isEqualTo(ListRoster.gone(list.id()));
        assertThat(members.roster(ListId.of("nope")).block(WAIT)).isEqualTo(ListRoster.gone(ListId.of("nope")));
    }

    @Test
    void putGrantsAMembershipOnlyFromTheRoleItWasReadAt() {
        TodoList list = sharedList();
        calls.forget();

        StepVerifier.create(members.put(Member.of(list.id(), CLEO, Role.EDITOR), Optional.of(Role.VIEWER))).verifyComplete();
        StepVerifier.create(members.put(Member.of(list.id(), CLEO, Role.EDITOR), Optional.of(Role.VIEWER)))
                .verifyError(ConcurrentUpdateException.class);
        StepVerifier.create(members.put(Member.of(list.id(), BOB, Role.VIEWER), Optional.empty()))
                .verifyError(ConcurrentUpdateException.class);

        assertThat(calls.operations()).containsExactly("TransactWriteItems", "TransactWriteItems", "TransactWriteItems");
        assertThat(members.find(list.id(), CLEO.id()).block(WAIT).role()).isEqualTo(Role.EDITOR);
        assertThat(members.find(list.id(), BOB.id()).block(WAIT).role()).isEqualTo(Role.EDITOR);
    }

    @Test
    void putIntoADeletedListIsARaceAndWritesNothing() {
        TodoList list = sharedList();
        lists.delete(list.id()).block(WAIT);

        StepVerifier.create(members.put(new Member(list.id(), PersonId.of("dan"), "Dan", Role.EDITOR), Optional.empty()))
                .verifyError(ConcurrentUpdateException.class);

        assertThat(members.find(list.id(), PersonId.of("dan")).block(WAIT)).isNull();
    }

    @Test
    void removeTakesAMemberOffButNeverTheOwner() {
        TodoList list = sharedList();

        StepVerifier.create(members.remove(list.id(), BOB.id())).verifyComplete();
        StepVerifier.create(members.remove(list.id(), BOB.id())).verifyComplete();
        StepVerifier.create(members.remove(list.id(), ANN.id())).verifyError(IllegalStateException.class);

        assertThat(members.of(list.id()).collectList().block(WAIT)).extracting(Member::personId)
                .containsExactlyInAnyOrder(ANN.id(), CLEO.id());
    }

    @Test
    void givenAMemberWasRemoved_thenATransactionWithTheirConditionWritesNothing() {
        TodoList list = sharedList();
        TransactWriteItem editorMayWrite = ListAccessConditions.memberMay(tableName, list.id(), BOB.id(), ListOperation.WRITE_TODOS);
        client.transactWriteItems(request -> request.transactItems(todoPut(list.id(), "before"), editorMayWrite)).join();

        members.remove(list.id(), BOB.id()).block(WAIT);

        assertThatThrownBy(() -> client.transactWriteItems(request -> request.transactItems(todoPut(list.id(), "after"), editorMayWrite)).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(TransactionCanceledException.class, cancelled -> assertThat(cancelled.cancellationReasons())
                        .extracting(reason -> reason.code()).containsExactly("None", "ConditionalCheckFailed"));
        assertThat(item(todoKey(list.id(), "before"))).isNotEmpty();
        assertThat(item(todoKey(list.id(), "after"))).isEmpty();
    }

    @Test
    void aViewersConditionForWritingTodosFailsAndAnEditorsHolds() {
        TodoList list = sharedList();

        assertThatThrownBy(() -> client.transactWriteItems(request -> request.transactItems(todoPut(list.id(), "by-cleo"),
                ListAccessConditions.memberMay(tableName, list.id(), CLEO.id(), ListOperation.WRITE_TODOS))).join())
                .cause().isInstanceOf(TransactionCanceledException.class);
        client.transactWriteItems(request -> request.transactItems(todoPut(list.id(), "by-ann"),
                ListAccessConditions.memberMay(tableName, list.id(), ANN.id(), ListOperation.WRITE_TODOS),
                ListAccessConditions.listIsLive(tableName, list.id()))).join();

        assertThat(item(todoKey(list.id(), "by-cleo"))).isEmpty();
        assertThat(item(todoKey(list.id(), "by-ann"))).isNotEmpty();
    }

    @Test
    void givenTheListIsBeingDeleted_thenTheLiveListConditionFails() {
        TodoList list = sharedList();
        lists.delete(list.id()).block(WAIT);

        assertThatThrownBy(() -> client.transactWriteItems(request -> request.transactItems(todoPut(list.id(), "late"),
                ListAccessConditions.listIsLive(tableName, list.id()))).join())
                .cause().isInstanceOf(TransactionCanceledException.class);
    }

    @Test
    void deleteRemovesTheMetaEveryMemberAndEveryTodo() {
        TodoList list = sharedList();
        IntStream.range(0, 30).forEach(i -> putTodo(list.id(), "t" + i));
        TodoList other = aList("other", ANN);
        lists.createIfAbsent(other, owner(other, ANN)).block(WAIT);
        putTodo(other.id(), "kept");
        calls.forget();

        StepVerifier.create(lists.delete(list.id())).verifyComplete();

        // Members (1 Query), META marked and 3 members deleted (1 transaction), 30 todos (1 Query, 2 batches), META.
        assertThat(calls.operations()).containsExactly("Query", "TransactWriteItems", "Query", "BatchWriteItem", "BatchWriteItem",
                "DeleteItem");
        assertThat(itemsUnder("LIST#" + list.id())).isEmpty();
        assertThat(itemsUnder("LIST#" + other.id())).hasSize(3);
        assertThat(members.listsOf(BOB.id()).collectList().block(WAIT)).isEmpty();
    }

    @Test
    void aListWithMoreMembersThanATransactionTakesIsDeletedWhole() {
        TodoList list = aList("crowded", ANN);
        lists.createIfAbsent(list, owner(list, ANN)).block(WAIT);
        Flux.range(0, 120).flatMap(i -> members.put(Member.of(list.id(), Person.of(PersonId.of("p" + i), "P" + i), Role.VIEWER),
                Optional.empty()), 8).blockLast(WAIT);

        StepVerifier.create(lists.delete(list.id())).verifyComplete();

        assertThat(itemsUnder("LIST#crowded")).isEmpty();
    }

    @Test
    void givenADeletionStoppedHalfWay_thenTheListIsGoneForEveryReadItsIdStaysTakenAndDeletingAgainFinishesIt() {
        TodoList list = sharedList();
        putTodo(list.id(), "left-over");
        // What a crash after the first step leaves: the META marked deleted, a todo under it.
        client.updateItem(request -> request.tableName(tableName).key(ListItems.metaKey(list.id()))
                .updateExpression("SET deleted = :true").expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))).join();

        assertThat(lists.find(list.id()).block(WAIT)).isNull();
        assertThat(lists.findFor(list.id(), ANN.id()).block(WAIT)).isNull();
        assertThat(members.of(list.id()).collectList().block(WAIT)).isEmpty();
        assertThat(members.listsOf(BOB.id()).collectList().block(WAIT)).isEmpty();
        StepVerifier.create(lists.createIfAbsent(TodoList.create(list.id(), "Groceries", BOB.id()), owner(list, BOB)))
                .verifyError(ListConflictException.class);

        StepVerifier.create(lists.delete(list.id())).verifyComplete();

        assertThat(itemsUnder("LIST#" + list.id())).isEmpty();
    }

    @Test
    void deletingAListThatIsNotThereChangesNothing() {
        StepVerifier.create(lists.delete(ListId.of("nope"))).verifyComplete();
    }

    @Test
    void aFirstSignInRecordsThePersonTheirListAndTheirOwnershipTogether() {
        TodoList first = aList("first", ANN);

        StepVerifier.create(people.registerIfAbsent(ANN, first, owner(first, ANN))).expectNext(true).verifyComplete();
        StepVerifier.create(people.registerIfAbsent(ANN, aList("second", ANN), owner(aList("second", ANN), ANN)))
                .expectNext(false).verifyComplete();

        assertThat(people.isKnown(ANN.id()).block(WAIT)).isTrue();
        assertThat(people.isKnown(BOB.id()).block(WAIT)).isFalse();
        assertThat(lists.find(ListId.of("second")).block(WAIT)).isNull();
        assertThat(item(ListItems.personKey(ANN.id()))).containsEntry("pk", AttributeValue.fromS("USER#ann"))
                .containsEntry("name", AttributeValue.fromS("Ann"));
    }

    @Test
    void givenManyFirstRequestsAtOnce_thenThePersonGetsExactlyOneMyTodos() {
        EnsurePersonService ensure = new EnsurePersonService(people, ListId::random);

        Flux.range(0, 8)
                .flatMap(i -> ensure.ensurePerson(new EnsurePersonCommand(ANN)).subscribeOn(Schedulers.parallel()), 8)
                .blockLast(WAIT);

        List<ListWithRole> annsLists = members.listsOf(ANN.id()).collectList().block(WAIT);
        assertThat(annsLists).singleElement().satisfies(entry -> {
            assertThat(entry.list().name()).isEqualTo("My todos");
            assertThat(entry.role()).isEqualTo(Role.OWNER);
        });
        calls.forget();
        ensure.ensurePerson(new EnsurePersonCommand(ANN)).block(WAIT);
        assertThat(calls.operations()).containsExactly("GetItem");
    }

    private TodoList sharedList() {
        TodoList list = aList("groceries", ANN);
        lists.createIfAbsent(list, owner(list, ANN)).block(WAIT);
        members.put(Member.of(list.id(), BOB, Role.EDITOR), Optional.empty()).block(WAIT);
        members.put(Member.of(list.id(), CLEO, Role.VIEWER), Optional.empty()).block(WAIT);
        return list;
    }

    private static TodoList aList(String id, Person owner) {
        return TodoList.create(ListId.of(id), id.substring(0, 1).toUpperCase() + id.substring(1), owner.id());
    }

    private static Member owner(TodoList list, Person person) {
        return Member.of(list.id(), person, Role.OWNER);
    }

    private static Map<String, AttributeValue> todoKey(ListId list, String id) {
        return ListItems.key("LIST#" + list.value(), "TODO#" + id);
    }

    /** A todo as the next step will keep it under its list; only its key matters here. */
    private TransactWriteItem todoPut(ListId list, String id) {
        Map<String, AttributeValue> item = new HashMap<>(todoKey(list, id));
        item.put("name", AttributeValue.fromS("a todo"));
        return TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item).build()).build();
    }

    private void putTodo(ListId list, String id) {
        Map<String, AttributeValue> item = new HashMap<>(todoKey(list, id));
        item.put("name", AttributeValue.fromS("a todo"));
        client.putItem(request -> request.tableName(tableName).item(item)).join();
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return client.getItem(request -> request.tableName(tableName).key(key).consistentRead(true)).join().item();
    }

    private List<Map<String, AttributeValue>> itemsUnder(String pk) {
        return new ArrayList<>(client.query(request -> request.tableName(tableName).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).join().items());
    }
}
