package dev.livetodos.adapter.out.dynamodb;

import static dev.livetodos.adapter.out.dynamodb.ListItems.DELETED;
import static dev.livetodos.adapter.out.dynamodb.ListItems.PK;
import static dev.livetodos.adapter.out.dynamodb.ListItems.ROLE;

import dev.livetodos.domain.model.ListAccess;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The access rules as conditions a write transaction carries, so they hold at the moment the
 * write commits and not only when the service checked them: a member removed (or made a viewer)
 * a moment ago cannot write, and neither can anyone once the list is being deleted. Which roles
 * may do what comes from {@link ListAccess}; this class only writes it in DynamoDB's words.
 *
 * <p>A write to a list's todos carries {@link #memberMay} for the caller and either
 * {@link #listIsLive} or, when it writes the META item itself (its {@code seq}), the same
 * condition on that write: one transaction may hold only one action per item.
 */
public final class ListAccessConditions {

    /** The condition on a list's META item that it is live; names {@code #pk} and {@code #deleted}. */
    public static final String LIVE_LIST = "attribute_exists(#pk) AND attribute_not_exists(#deleted)";

    private ListAccessConditions() {
    }

    /** The person is on the list with a role that may do this, when the transaction commits. */
    public static TransactWriteItem memberMay(String tableName, ListId list, PersonId person, ListOperation operation) {
        Set<Role> roles = ListAccess.rolesAllowedTo(operation);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no role may " + operation + "; there is nothing to check");
        }
        List<Role> allowed = List.copyOf(roles);
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < allowed.size(); i++) {
            values.put(":role" + i, AttributeValue.fromS(allowed.get(i).value()));
            in.append(i == 0 ? "" : ", ").append(":role").append(i);
        }
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(tableName)
                .key(ListItems.memberKey(list, person))
                .conditionExpression("#role IN (" + in + ")")
                .expressionAttributeNames(Map.of("#role", ROLE))
                .expressionAttributeValues(values)
                .build()).build();
    }

    /** The list exists and is not being deleted, when the transaction commits. */
    public static TransactWriteItem listIsLive(String tableName, ListId list) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(tableName)
                .key(ListItems.metaKey(list))
                .conditionExpression(LIVE_LIST)
                .expressionAttributeNames(Map.of("#pk", PK, "#deleted", DELETED))
                .build()).build();
    }
}
