package dev.livetodos.application.service;

import dev.livetodos.application.port.out.PendingDeliveries;
import dev.livetodos.domain.model.Redelivery;
import dev.livetodos.domain.model.StreamPosition;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/** {@link PendingDeliveries} in a map; tests see what is written down and can make writing fail. */
final class InMemoryPendingDeliveries implements PendingDeliveries {

    private final Map<StreamPosition, Redelivery> written = new TreeMap<>();
    private RuntimeException writingFailure;

    @Override
    public synchronized Mono<Redelivery> find(StreamPosition retryFrom) {
        return Mono.defer(() -> {
            synchronized (this) {
                return Mono.justOrEmpty(written.get(retryFrom));
            }
        });
    }

    @Override
    public Mono<Void> put(StreamPosition retryFrom, Redelivery redelivery) {
        return Mono.defer(() -> {
            synchronized (this) {
                if (writingFailure != null) {
                    return Mono.error(writingFailure);
                }
                written.put(retryFrom, redelivery);
                return Mono.empty();
            }
        });
    }

    @Override
    public Mono<Void> remove(StreamPosition retryFrom) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                written.remove(retryFrom);
            }
        });
    }

    synchronized InMemoryPendingDeliveries failingToWrite(RuntimeException failure) {
        writingFailure = failure;
        return this;
    }

    synchronized Map<StreamPosition, Redelivery> written() {
        return Map.copyOf(written);
    }
}
