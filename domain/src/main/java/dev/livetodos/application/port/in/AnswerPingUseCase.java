package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.SubscriberId;
import reactor.core.publisher.Mono;

/** A subscriber asked whether the line is alive (and kept idle timeouts away): answer it. */
public interface AnswerPingUseCase {

    Mono<Void> answerPing(SubscriberId subscriber);
}
