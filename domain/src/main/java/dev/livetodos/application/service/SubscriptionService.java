package dev.livetodos.application.service;

import dev.livetodos.application.port.in.SubscribeCommand;
import dev.livetodos.application.port.in.SubscribeUseCase;
import dev.livetodos.application.port.in.UnsubscribeUseCase;
import dev.livetodos.application.port.out.SubscriberRegistry;
import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.SubscriberId;
import reactor.core.publisher.Mono;

/** A subscriber's life on a host that keeps a registry: it connects, and it leaves. */
public final class SubscriptionService implements SubscribeUseCase, UnsubscribeUseCase {

    private final SubscriberRegistry registry;
    private final Subscribers subscribers;

    public SubscriptionService(SubscriberRegistry registry, Subscribers subscribers) {
        this.registry = registry;
        this.subscribers = subscribers;
    }

    @Override
    public Mono<Void> subscribe(SubscribeCommand command) {
        return registry.register(command.subscriber(), command.person());
    }

    @Override
    public Mono<Void> unsubscribe(SubscriberId subscriber) {
        return subscribers.forget(subscriber);
    }
}
