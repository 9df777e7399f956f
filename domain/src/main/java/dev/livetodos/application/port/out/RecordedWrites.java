package dev.livetodos.application.port.out;

import dev.livetodos.domain.model.IdempotencyKey;
import dev.livetodos.domain.model.PersonId;
import reactor.core.publisher.Mono;

/**
 * The writes people sent with an {@link IdempotencyKey}, kept for the tombstones' retention (a
 * replay later than that is a new write). They are written by the {@link TodoStore}'s writes
 * themselves (see {@link WriteRecord});
 * this only reads them.
 */
public interface RecordedWrites {

    /** The write this person sent under this key, if it was applied and is still kept. */
    Mono<RecordedWrite> find(PersonId person, IdempotencyKey key);
}
