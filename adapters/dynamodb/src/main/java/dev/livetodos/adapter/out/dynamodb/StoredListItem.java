package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A list's own items (its META and its members, see {@link ListItems}) as the table's stream
 * reader ({@code adapter.in.dynamodb}) reads them out of stream records: which kind an item's
 * key is, and what its image says. Every read fails with {@link IllegalArgumentException} when
 * the image cannot be read as that kind.
 */
public final class StoredListItem {

    private StoredListItem() {
    }

    /** The list whose partition this is, if it is a list's. */
    public static Optional<ListId> listOf(String partitionKey) {
        if (partitionKey == null || !partitionKey.startsWith(ListItems.LIST_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(ListId.of(partitionKey.substring(ListItems.LIST_PREFIX.length())));
    }

    /** Whether the key is a list's META item. */
    public static boolean isMeta(String partitionKey, String sortKey) {
        return listOf(partitionKey).isPresent() && ListItems.META.equals(sortKey);
    }

    /** The person whose membership the key is, if it is a member item. */
    public static Optional<PersonId> memberOf(String partitionKey, String sortKey) {
        if (listOf(partitionKey).isEmpty() || sortKey == null || !sortKey.startsWith(ListItems.MEMBER_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(PersonId.of(sortKey.substring(ListItems.MEMBER_PREFIX.length())));
    }

    /** The list a META image shows; empty while the list is being deleted (the image is marked so). */
    public static Optional<TodoList> list(Map<String, AttributeValue> meta) {
        return ListItems.isDeleted(meta) ? Optional.empty() : Optional.of(ListItems.toList(meta));
    }

    /** The role a member image holds. */
    public static Role role(Map<String, AttributeValue> member) {
        AttributeValue role = member.get(ListItems.ROLE);
        if (role == null || role.s() == null) {
            throw new IllegalArgumentException("the member item has no role");
        }
        return Role.of(role.s());
    }

    /** The partition key an image holds (where its item lives), or null. */
    public static String partitionKeyOf(Map<String, AttributeValue> image) {
        AttributeValue pk = image.get(ListItems.PK);
        return pk == null ? null : pk.s();
    }
}
