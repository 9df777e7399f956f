package dev.livetodos.adapter.out.apigateway;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;

import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberId;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One open API Gateway WebSocket connection as the connections table holds it. {@code expiresAt}
 * (epoch seconds) is the table's TTL attribute: by then API Gateway has closed the connection
 * anyway, so a connection whose {@code $disconnect} never arrived does not linger.
 * {@code personId} is whose connection it is (the person the {@code $connect} authorizer let
 * in); the global secondary index {@value #BY_PERSON} finds a person's connections.
 */
record ConnectionItem(String connectionId, String personId, Instant connectedAt, long expiresAt) {

    static final String CONNECTION_ID = "connectionId";
    static final String PERSON_ID = "personId";
    /** The index of connections by person: partition key {@code personId}, every attribute projected. */
    static final String BY_PERSON = "byPerson";
    static final String CONNECTED_AT = "connectedAt";
    static final String EXPIRES_AT = "expiresAt";

    static final TableSchema<ConnectionItem> SCHEMA =
            StaticImmutableTableSchema.builder(ConnectionItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(CONNECTION_ID).getter(ConnectionItem::connectionId)
                            .setter(Builder::connectionId).tags(primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(PERSON_ID).getter(ConnectionItem::personId)
                            .setter(Builder::personId).tags(secondaryPartitionKey(BY_PERSON)))
                    .addAttribute(Instant.class, a -> a.name(CONNECTED_AT).getter(ConnectionItem::connectedAt)
                            .setter(Builder::connectedAt))
                    .addAttribute(Long.class, a -> a.name(EXPIRES_AT).getter(ConnectionItem::expiresAt)
                            .setter(Builder::expiresAt))
                    .build();

    static ConnectionItem opened(SubscriberId subscriber, PersonId person, Instant connectedAt, Duration lifetime) {
        return new ConnectionItem(subscriber.value(), person.value(), connectedAt, connectedAt.plus(lifetime).getEpochSecond());
    }

    static Key key(SubscriberId subscriber) {
        return Key.builder().partitionValue(subscriber.value()).build();
    }

    SubscriberId subscriber() {
        return new SubscriberId(connectionId);
    }

    /** The mutable half the enhanced client fills while it reads an item. */
    static final class Builder {
        private String connectionId;
        private String personId;
        private Instant connectedAt;
        private long expiresAt;

        void connectionId(String value) {
            connectionId = value;
        }

        void personId(String value) {
            personId = value;
        }

        void connectedAt(Instant value) {
            connectedAt = value;
        }

        void expiresAt(Long value) {
            expiresAt = value == null ? 0 : value;
        }

        ConnectionItem build() {
            return new ConnectionItem(connectionId, personId, connectedAt, expiresAt);
        }
    }
}
