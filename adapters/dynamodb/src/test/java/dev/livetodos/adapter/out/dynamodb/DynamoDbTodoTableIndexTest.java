package dev.livetodos.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import dev.livetodos.testsupport.LocalDynamoDb;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The index that lists a person's lists, on a new table and on one a version-1 server made. */
class DynamoDbTodoTableIndexTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbAsyncClient client;

    @BeforeAll
    static void startStore() throws Exception {
        dynamoDb = LocalDynamoDb.start();
        client = dynamoDb.client();
    }

    @AfterAll
    static void stopStore() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @Test
    void aNewTableHasGsi1OnLowerCaseKeysProjectingTheRole() {
        String tableName = "todos-" + UUID.randomUUID();

        DynamoDbTodoTable.createIfMissing(client, tableName).block(WAIT);

        assertGsi1(tableName);
    }

    @Test
    void givenATableFromVersionOne_thenTheIndexIsAddedAndCoversWhatWasWrittenBefore() {
        String tableName = "todos-" + UUID.randomUUID();
        createAsVersionOneDid(tableName);
        TodoList list = TodoList.create(ListId.of("old"), "Old", PersonId.of("ann"));
        // Written before the index exists, as a half-migrated store might hold them.
        client.putItem(request -> request.tableName(tableName).item(ListItems.meta(list))).join();
        client.putItem(request -> request.tableName(tableName)
                .item(ListItems.member(Member.of(list.id(), Person.of(PersonId.of("ann"), "Ann"), Role.OWNER)))).join();

        DynamoDbTodoTable.createIfMissing(client, tableName).block(WAIT);
        DynamoDbTodoTable.createIfMissing(client, tableName).block(WAIT);

        assertGsi1(tableName);
        assertThat(new DynamoDbMembers(client, tableName).listsOf(PersonId.of("ann")).collectList().block(WAIT))
                .containsExactly(new ListWithRole(list, Role.OWNER));
    }

    private void assertGsi1(String tableName) {
        var table = client.describeTable(request -> request.tableName(tableName)).join().table();
        assertThat(table.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
                .contains("pk", "sk", "gsi1pk", "gsi1sk", "seq");
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("GSI1", "GSI2");
        assertThat(table.globalSecondaryIndexes()).filteredOn(index -> index.indexName().equals("GSI2")).singleElement().satisfies(index -> {
            assertThat(index.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                    .containsExactly("pk:HASH", "seq:RANGE");
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
            assertThat(index).extracting(GlobalSecondaryIndexDescription::indexStatus).isEqualTo(IndexStatus.ACTIVE);
        });
        assertThat(table.globalSecondaryIndexes()).filteredOn(index -> index.indexName().equals("GSI1")).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("GSI1");
            assertThat(index.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                    .containsExactly("gsi1pk:HASH", "gsi1sk:RANGE");
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
            assertThat(index.projection().nonKeyAttributes()).containsExactly("role");
            assertThat(index).extracting(GlobalSecondaryIndexDescription::indexStatus).isEqualTo(IndexStatus.ACTIVE);
        });
    }

    private static void createAsVersionOneDid(String tableName) {
        client.createTable(request -> request
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))).join();
    }
}
