package dev.livetodos.application.service;

import dev.livetodos.application.port.in.AnswerPingUseCase;
import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import reactor.core.publisher.Mono;

/** Answers a subscriber's ping with a pong; one that is gone meanwhile is forgotten. */
public final class PingService implements AnswerPingUseCase {

    private final Subscribers subscribers;
    private final ChangeFrames frames;

    public PingService(Subscribers subscribers, ChangeFrames frames) {
        this.subscribers = subscribers;
        this.frames = frames;
    }

    @Override
    public Mono<Void> answerPing(SubscriberId subscriber) {
        return subscribers.send(subscriber, frames.pong())
                .onErrorResume(SubscriberGoneException.class, gone -> subscribers.forget(subscriber));
    }
}
