package dev.livetodos.adapter.out.dynamodb;

import static dev.livetodos.adapter.out.dynamodb.ListItems.PK;

import dev.livetodos.application.port.out.People;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TodoList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * People in the todo table: {@code USER#<personId>} / {@code PERSON}, written once, at their
 * first sign-in, in the same transaction as their first list and its owner's membership. The
 * item's condition (it must not exist) is what keeps two first requests at once from making two
 * lists: the second transaction fails as a whole.
 */
public final class DynamoDbPeople implements People {

    private final DynamoDbAsyncClient client;
    private final String tableName;

    public DynamoDbPeople(DynamoDbAsyncClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /** One GetItem of the key alone. */
    @Override
    public Mono<Boolean> isKnown(PersonId person) {
        return Mono.fromFuture(() -> client.getItem(request -> request.tableName(tableName).key(ListItems.personKey(person))
                        .consistentRead(true).projectionExpression("#pk").expressionAttributeNames(Map.of("#pk", PK))))
                .map(GetItemResponse::hasItem)
                .onErrorMap(StoreErrors::translate);
    }

    /** One TransactWriteItems of three conditional puts. */
    @Override
    public Mono<Boolean> registerIfAbsent(Person person, TodoList firstList, Member owner) {
        List<TransactWriteItem> items = List.of(putIfAbsent(ListItems.person(person)), putIfAbsent(ListItems.meta(firstList)),
                putIfAbsent(ListItems.member(owner)));
        return Mono.fromFuture(() -> client.transactWriteItems(request -> request.transactItems(items)))
                .thenReturn(true)
                .onErrorResume(error -> {
                    List<String> codes = StoreBatches.cancellationCodes(StoreErrors.unwrap(error));
                    if (!codes.isEmpty() && "ConditionalCheckFailed".equals(codes.get(0))) {
                        return Mono.just(false);
                    }
                    return Mono.error(StoreBatches.translateTransaction(error, "the first sign-in of " + person.id()));
                });
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)).build()).build();
    }
}
