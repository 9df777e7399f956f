package dev.livetodos.application.service;

import dev.livetodos.application.port.in.AnswerPingUseCase;
import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import reactor.core.publisher.Mono;

/** Answers a subscriber's ping with a pong; one that is gone meanwhile is forgotten. */
public final class PingService implements AnswerPingUseCase {

    private final Subscribers subscribers;

    public PingService(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public Mono<Void> answerPing(SubscriberId subscriber) {
        return subscribers.send(subscriber, ChangeFrames.PONG)
                .onErrorResume(SubscriberGoneException.class, gone -> subscribers.forget(subscriber));
    }
}
