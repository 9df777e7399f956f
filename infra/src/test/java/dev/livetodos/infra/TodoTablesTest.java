package dev.livetodos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class TodoTablesTest {

    @Test
    void todoTableHasTheAdaptersKeysAStreamWithBothImagesPointInTimeRecoveryAndTombstonesThatExpire() {
        Synthesized dev = Synthesized.dev();

        dev.template().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S"))),
                "BillingMode", "PAY_PER_REQUEST",
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
    }

    @Test
    void todoTableListsAPersonsListsThroughGsi1AndEachListsChangeFeedThroughGsi2() {
        Map<String, Object> todos = properties(todoTable(Synthesized.dev()));

        assertThat(todos.get("AttributeDefinitions")).isEqualTo(List.of(
                Map.of("AttributeName", "pk", "AttributeType", "S"),
                Map.of("AttributeName", "sk", "AttributeType", "S"),
                Map.of("AttributeName", "gsi1pk", "AttributeType", "S"),
                Map.of("AttributeName", "gsi1sk", "AttributeType", "S"),
                Map.of("AttributeName", "seq", "AttributeType", "N")));
        assertThat(todos.get("GlobalSecondaryIndexes")).isEqualTo(List.of(Map.of(
                "IndexName", "GSI1",
                "KeySchema", List.of(
                        Map.of("AttributeName", "gsi1pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "gsi1sk", "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "INCLUDE", "NonKeyAttributes", List.of("role"))), Map.of(
                "IndexName", "GSI2",
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "seq", "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL"))));
    }

    @Test
    void connectionsTableExpiresConnectionsOnExpiresAt() {
        Synthesized dev = Synthesized.dev();

        dev.template().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "connectionId", "KeyType", "HASH")),
                "BillingMode", "PAY_PER_REQUEST",
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
    }

    @Test
    void connectionsTableFindsAPersonsConnectionsThroughItsByPersonIndex() {
        Synthesized dev = Synthesized.dev();

        dev.template().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "connectionId", "KeyType", "HASH")),
                "AttributeDefinitions", List.of(
                        Map.of("AttributeName", "connectionId", "AttributeType", "S"),
                        Map.of("AttributeName", "personId", "AttributeType", "S")),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "byPerson",
                        "KeySchema", List.of(Map.of("AttributeName", "personId", "KeyType", "HASH")),
                        "Projection", Map.of("ProjectionType", "ALL")))));
    }

    @Test
    void prodKeepsTheTodosAndProtectsTheTable() {
        Map<String, Object> todos = todoTable(Synthesized.prod());

        assertThat(todos).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(properties(todos)).containsEntry("DeletionProtectionEnabled", true);
    }

    @Test
    void devThrowsTheTodosAwayWithTheStack() {
        Map<String, Object> todos = todoTable(Synthesized.dev());

        assertThat(todos).containsEntry("DeletionPolicy", "Delete");
        assertThat(properties(todos)).doesNotContainEntry("DeletionProtectionEnabled", true);
    }

    private static Map<String, Object> todoTable(Synthesized synthesized) {
        Map<String, Map<String, Object>> tables = synthesized.template().findResources("AWS::DynamoDB::Table",
                Map.of("Properties", Map.of("StreamSpecification", Match.anyValue())));
        assertThat(tables).hasSize(1);
        return tables.values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
