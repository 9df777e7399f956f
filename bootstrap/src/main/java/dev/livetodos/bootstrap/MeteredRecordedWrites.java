package dev.livetodos.bootstrap;

import dev.livetodos.application.port.out.RecordedWrite;
import dev.livetodos.application.port.out.RecordedWrites;
import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.PersonId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Counts {@code livetodos.writes.replayed}: writes sent again under an idempotency key already
 * kept (an outbox replaying after a lost answer, mostly), which are answered as the first was
 * (or refused, when the key came with a different write) and write nothing.
 */
final class MeteredRecordedWrites implements RecordedWrites {

    private final RecordedWrites recorded;
    private final Counter replayed;

    MeteredRecordedWrites(RecordedWrites recorded, MeterRegistry meters) {
        this.recorded = recorded;
        this.replayed = Counter.builder("livetodos.writes.replayed")
                .description("Writes sent again under an idempotency key already kept (answered again, nothing written)")
                .register(meters);
    }

    @Override
    public Mono<RecordedWrite> find(PersonId person, IdempotencyKey key) {
        return recorded.find(person, key).doOnNext(found -> replayed.increment());
    }
}
