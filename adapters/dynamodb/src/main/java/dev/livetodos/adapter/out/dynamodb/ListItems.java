package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.InviteToken;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TicketCode;
import dev.livetodos.domain.model.TodoList;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of lists, members, people, invites and live tickets, in the same table as todos,
 * with the generic keys {@code pk}/{@code sk}:
 *
 * <table>
 * <tr><th>item</th><th>pk</th><th>sk</th><th>attributes</th></tr>
 * <tr><td>list</td><td>{@code LIST#<listId>}</td><td>{@code META}</td>
 *     <td>{@code name, ownerId, version, seq, incarnation}; while it is being deleted {@code deleted = true} instead of a name</td></tr>
 * <tr><td>member</td><td>{@code LIST#<listId>}</td><td>{@code MEMBER#<personId>}</td>
 *     <td>{@code role, name}; {@code gsi1pk = USER#<personId>}, {@code gsi1sk = LIST#<listId>}</td></tr>
 * <tr><td>person</td><td>{@code USER#<personId>}</td><td>{@code PERSON}</td><td>{@code name}: known since their first sign-in</td></tr>
 * <tr><td>invite</td><td>{@code INVITE#<token>}</td><td>{@code META}</td><td>{@code listId, role, expiresAt}</td></tr>
 * <tr><td>ticket</td><td>{@code TICKET#<sha-256 of the code>}</td><td>{@code META}</td>
 *     <td>{@code personId, expiresAt, tokenExpiresAt}</td></tr>
 * </table>
 *
 * <p>A list's META and its members share a partition, so one Query reads them all and the sort
 * order puts every {@code MEMBER#…} just before {@code META} ({@code MEM} &lt; {@code MET}); its
 * todos ({@code TODO#…}) come after. {@code expiresAt} is the table's time to live (epoch
 * seconds): DynamoDB removes invites and tickets some time after they expire, and reads check
 * the time themselves because that removal may lag by days.
 *
 * <p>A ticket is stored under the hash of its code, not the code: the code grants a connection
 * to whoever holds it, and keys travel further than values (the stream, logs of keys, an
 * operator's console, a backup). The hash lets the server find the ticket it is shown and
 * nobody turn a stored key back into a working ticket; the code is 256 random bits, so an
 * unsalted hash cannot be reversed by guessing. (Invites keep the contract's
 * {@code INVITE#<token>}: a link is meant to be handed around for a week anyway.)
 */
final class ListItems {

    static final String PK = TodoItem.PK;
    static final String SK = TodoItem.SK;
    static final String GSI1 = "GSI1";
    static final String GSI1_PK = "gsi1pk";
    static final String GSI1_SK = "gsi1sk";
    static final String NAME = "name";
    static final String OWNER_ID = "ownerId";
    static final String VERSION = "version";
    static final String SEQ = "seq";
    /**
     * A META attribute made once when the list is created, never changed: with {@code seq} it
     * tells one list from a later one under the same id (deleted, then created again, whose
     * {@code seq} starts over), so a list held in memory is never taken for its successor.
     */
    static final String INCARNATION = "incarnation";
    static final String DELETED = "deleted";
    static final String ROLE = "role";
    static final String LIST_ID = "listId";
    static final String PERSON_ID = "personId";
    static final String EXPIRES_AT = TodoItem.EXPIRES_AT;
    static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";

    static final String LIST_PREFIX = "LIST#";
    static final String META = "META";
    static final String MEMBER_PREFIX = "MEMBER#";
    static final String USER_PREFIX = "USER#";
    static final String PERSON = "PERSON";
    static final String INVITE_PREFIX = "INVITE#";
    static final String TICKET_PREFIX = "TICKET#";

    private ListItems() {
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static String listPartition(ListId list) {
        return LIST_PREFIX + list.value();
    }

    static Map<String, AttributeValue> metaKey(ListId list) {
        return key(listPartition(list), META);
    }

    static Map<String, AttributeValue> memberKey(ListId list, PersonId person) {
        return key(listPartition(list), MEMBER_PREFIX + person.value());
    }

    static Map<String, AttributeValue> personKey(PersonId person) {
        return key(USER_PREFIX + person.value(), PERSON);
    }

    static Map<String, AttributeValue> inviteKey(InviteToken token) {
        return key(INVITE_PREFIX + token.value(), META);
    }

    static Map<String, AttributeValue> ticketKey(TicketCode code) {
        return key(TICKET_PREFIX + sha256(code.value()), META);
    }

    static Map<String, AttributeValue> meta(TodoList list) {
        Map<String, AttributeValue> item = new HashMap<>(metaKey(list.id()));
        item.put(NAME, s(list.name()));
        item.put(OWNER_ID, s(list.ownerId().value()));
        item.put(VERSION, n(list.version()));
        item.put(SEQ, n(list.seq()));
        item.put(INCARNATION, s(UUID.randomUUID().toString()));
        return item;
    }

    /** Whether a META item is one of a list being deleted. */
    static boolean isDeleted(Map<String, AttributeValue> meta) {
        AttributeValue deleted = meta.get(DELETED);
        return deleted != null && Boolean.TRUE.equals(deleted.bool());
    }

    static TodoList toList(Map<String, AttributeValue> meta) {
        String pk = text(meta, PK);
        if (!pk.startsWith(LIST_PREFIX)) {
            throw new IllegalArgumentException("not a list's key: " + pk);
        }
        return new TodoList(new ListId(pk.substring(LIST_PREFIX.length())), text(meta, NAME),
                new PersonId(text(meta, OWNER_ID)), number(meta, VERSION), number(meta, SEQ));
    }

    static Map<String, AttributeValue> member(Member member) {
        Map<String, AttributeValue> item = new HashMap<>(memberKey(member.listId(), member.personId()));
        item.put(GSI1_PK, s(USER_PREFIX + member.personId().value()));
        item.put(GSI1_SK, s(listPartition(member.listId())));
        item.put(ROLE, s(member.role().value()));
        item.put(NAME, s(member.name()));
        return item;
    }

    static boolean isMember(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(SK);
        return sk != null && sk.s() != null && sk.s().startsWith(MEMBER_PREFIX);
    }

    static Member toMember(Map<String, AttributeValue> item) {
        String pk = text(item, PK);
        String sk = text(item, SK);
        if (!pk.startsWith(LIST_PREFIX) || !sk.startsWith(MEMBER_PREFIX)) {
            throw new IllegalArgumentException("not a member's key: " + pk + " / " + sk);
        }
        return new Member(new ListId(pk.substring(LIST_PREFIX.length())), new PersonId(sk.substring(MEMBER_PREFIX.length())),
                text(item, NAME), Role.of(text(item, ROLE)));
    }

    static Map<String, AttributeValue> person(Person person) {
        Map<String, AttributeValue> item = new HashMap<>(personKey(person.id()));
        item.put(NAME, s(person.name()));
        return item;
    }

    static Map<String, AttributeValue> invite(Invite invite) {
        Map<String, AttributeValue> item = new HashMap<>(inviteKey(invite.token()));
        item.put(LIST_ID, s(invite.listId().value()));
        item.put(ROLE, s(invite.role().value()));
        item.put(EXPIRES_AT, n(invite.expiresAt().getEpochSecond()));
        return item;
    }

    static Invite toInvite(InviteToken token, Map<String, AttributeValue> item) {
        return new Invite(token, new ListId(text(item, LIST_ID)), Role.of(text(item, ROLE)),
                Instant.ofEpochSecond(number(item, EXPIRES_AT)));
    }

    static Map<String, AttributeValue> ticket(LiveTicket ticket) {
        Map<String, AttributeValue> item = new HashMap<>(ticketKey(ticket.code()));
        item.put(PERSON_ID, s(ticket.person().value()));
        item.put(EXPIRES_AT, n(ticket.expiresAt().getEpochSecond()));
        item.put(TOKEN_EXPIRES_AT, n(ticket.tokenExpiresAt().toEpochMilli()));
        return item;
    }

    static LiveTicket toTicket(TicketCode code, Map<String, AttributeValue> item) {
        return new LiveTicket(code, new PersonId(text(item, PERSON_ID)), Instant.ofEpochSecond(number(item, EXPIRES_AT)),
                Instant.ofEpochMilli(number(item, TOKEN_EXPIRES_AT)));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.s() == null) {
            throw new IllegalArgumentException("the item has no text " + attribute);
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.n() == null) {
            throw new IllegalArgumentException("the item has no number " + attribute);
        }
        return Long.parseLong(value.n());
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
