package dev.livetodos.bootstrap.local;

import dev.livetodos.application.port.out.PendingDeliveries;
import dev.livetodos.domain.model.Redelivery;
import dev.livetodos.domain.model.StreamPosition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Local mode's {@link PendingDeliveries}: the poller and the sessions live in this process, so
 * what a retry owes can too; a restart closes every session anyway (each reconnects and refetches).
 * Kept small: the poller gives a record up after a few retries, and what is owed for it with it.
 */
final class InMemoryPendingDeliveries implements PendingDeliveries {

    /** More than the poller can have in flight; beyond it the oldest entries are dropped (a retry then goes to everyone). */
    private static final int MAX_ENTRIES = 1_024;

    private final Map<StreamPosition, Redelivery> owed = new ConcurrentHashMap<>();

    @Override
    public Mono<Redelivery> find(StreamPosition retryFrom) {
        return Mono.fromSupplier(() -> owed.get(retryFrom));
    }

    @Override
    public Mono<Void> put(StreamPosition retryFrom, Redelivery redelivery) {
        return Mono.fromRunnable(() -> {
            if (owed.size() >= MAX_ENTRIES) {
                owed.keySet().stream().min(StreamPosition::compareTo).ifPresent(owed::remove);
            }
            owed.put(retryFrom, redelivery);
        });
    }

    @Override
    public Mono<Void> remove(StreamPosition retryFrom) {
        return Mono.fromRunnable(() -> owed.remove(retryFrom));
    }
}
