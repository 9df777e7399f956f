package dev.livetodos.application.service;

import dev.livetodos.application.port.out.RecordedWrites;
import dev.livetodos.application.port.out.WriteRecord;
import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.IdempotencyKeyReusedException;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListOperation;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.WriteOutcome;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A write sent with an {@link IdempotencyKey}: when a write is already kept under the key, it is
 * answered as that one was (if it asked for the same; a different write under a used key is
 * refused), and nothing is written; otherwise it is written and kept under the key in the same
 * transaction. Run inside {@link OptimisticWrite}: a write that lost the race for the key to a
 * copy of itself fails as a race and, tried again, finds the copy's outcome.
 *
 * <p>Only members of the list hear a kept answer again, as with every other answer about it.
 */
final class IdempotentWrite {

    private final RecordedWrites recorded;
    private final TodoAccess access;

    IdempotentWrite(RecordedWrites recorded, TodoAccess access) {
        this.recorded = recorded;
        this.access = access;
    }

    <T> Mono<T> run(ListId list, PersonId caller, Optional<IdempotencyKey> key, String fingerprint,
                    Function<WriteOutcome, T> answerAgain, Function<Optional<WriteRecord>, Mono<T>> write) {
        if (key.isEmpty()) {
            return write.apply(Optional.empty());
        }
        return recorded.find(caller, key.get())
                .flatMap(kept -> {
                    if (!kept.fingerprint().equals(fingerprint)) {
                        return Mono.error(new IdempotencyKeyReusedException(key.get()));
                    }
                    return access.checked(list, caller, ListOperation.READ_TODOS, Mono.fromCallable(() -> answerAgain.apply(kept.outcome())));
                })
                .switchIfEmpty(Mono.defer(() -> write.apply(Optional.of(new WriteRecord(key.get(), fingerprint)))));
    }
}
