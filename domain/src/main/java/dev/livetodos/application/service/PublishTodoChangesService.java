package dev.livetodos.application.service;

import dev.livetodos.application.port.in.PublishReport;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.application.port.in.PublishTodoChangesUseCase;
import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Encodes a batch once, then sends its frames to every subscriber at the same time (at most
 * {@code concurrency} at once), each subscriber's frames in order. A subscriber that is gone is
 * forgotten; one whose delivery fails stops at that frame, and the changes from there on count
 * as undelivered so the batch can be delivered again. Subscribers apply a change only when its
 * version is newer than what they hold, so a second delivery does no harm.
 */
public final class PublishTodoChangesService implements PublishTodoChangesUseCase {

    private final Subscribers subscribers;
    private final int concurrency;

    public PublishTodoChangesService(Subscribers subscribers, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.subscribers = subscribers;
        this.concurrency = concurrency;
    }

    @Override
    public Mono<PublishReport> publish(PublishTodoChangesCommand command) {
        if (command.changes().isEmpty()) {
            return Mono.just(new PublishReport(List.of(), 0, 0));
        }
        List<ChangeFrames.Frame> frames = ChangeFrames.split(command.changes());
        return Mono.defer(() -> {
            // Counted per run, so a retried publish reports only its own.
            AtomicInteger reached = new AtomicInteger();
            AtomicInteger forgotten = new AtomicInteger();
            return subscribers.all()
                    .flatMap(subscriber -> {
                        reached.incrementAndGet();
                        return deliver(subscriber, frames, forgotten);
                    }, concurrency)
                    .reduce(Math::min)
                    .map(firstFailedFrame -> undeliveredFrom(frames, firstFailedFrame))
                    .defaultIfEmpty(List.of())
                    .map(undelivered -> new PublishReport(undelivered, reached.get(), forgotten.get()));
        });
    }

    /** Emits the index of the first frame this subscriber did not get, if it is still there. */
    private Mono<Integer> deliver(SubscriberId subscriber, List<ChangeFrames.Frame> frames, AtomicInteger forgotten) {
        return Flux.range(0, frames.size())
                .concatMap(i -> subscribers.send(subscriber, frames.get(i).text())
                        .onErrorMap(error -> new FrameNotDelivered(i, error)))
                .then(Mono.<Integer>empty())
                .onErrorResume(FrameNotDelivered.class, failed -> {
                    if (failed.getCause() instanceof SubscriberGoneException) {
                        forgotten.incrementAndGet();
                        // If forgetting fails too, the next batch finds it gone again and tries once more.
                        return subscribers.forget(subscriber).onErrorResume(error -> Mono.empty()).then(Mono.empty());
                    }
                    return Mono.just(failed.frame);
                });
    }

    /** Changes are redelivered from the first one somebody missed, as a stream is retried. */
    private static List<Integer> undeliveredFrom(List<ChangeFrames.Frame> frames, int firstFailedFrame) {
        int from = frames.get(firstFailedFrame).from();
        return IntStream.range(from, frames.get(frames.size() - 1).to()).boxed().toList();
    }

    private static final class FrameNotDelivered extends RuntimeException {

        private final int frame;

        FrameNotDelivered(int frame, Throwable cause) {
            super("frame " + frame + " was not delivered", cause, false, false);
            this.frame = frame;
        }
    }
}
