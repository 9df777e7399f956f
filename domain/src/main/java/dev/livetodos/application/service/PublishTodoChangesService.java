package dev.livetodos.application.service;

import dev.livetodos.application.port.in.PublishReport;
import dev.livetodos.application.port.in.PublishTodoChangesCommand;
import dev.livetodos.application.port.in.PublishTodoChangesUseCase;
import dev.livetodos.application.port.out.ChangeFrames;
import dev.livetodos.application.port.out.ListRoster;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.application.port.out.PendingDeliveries;
import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.ListChange;
import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.Redelivery;
import dev.livetodos.domain.model.StreamPosition;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import dev.livetodos.domain.model.Undelivered;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells each connection of the changes of its person's lists, and nothing else. Per batch it
 * reads each list's roster once ({@link Members#roster}), works out from it who was on which
 * list at each change ({@link ListAudience}), finds the connections of those people
 * ({@link Subscribers#of}, once per person), and sends each connection its own frames
 * ({@link ChangeFrames}: one list's changes per frame, a list frame where someone joins, leaves,
 * or a list is renamed or deleted), at most {@code concurrency} connections at once, each
 * connection's frames in order. Frames that several connections share are written once.
 * A subscriber that is gone is forgotten; one whose delivery fails stops at that frame and is
 * reported with the first change it did not get, and what it is owed is written down in
 * {@link PendingDeliveries} under the position the batch will be retried from.
 *
 * <p>A retry of that stretch of the stream sends the changes the earlier attempts delivered only
 * to the subscribers that lack them, each from the first one it lacks; later changes go to
 * everyone who may see them. A subscriber that fails the same change {@code maxFailedAttempts} attempts in a row
 * is let go (its connection is closed, so its browser reconnects and refetches), so one broken
 * connection cannot hold the stream back for everyone. Subscribers apply a change only when its
 * version is newer than what they hold, so a change delivered twice does no harm.
 */
public final class PublishTodoChangesService implements PublishTodoChangesUseCase {

    /** Attempts in a row a subscriber may fail the same change before it is let go. */
    public static final int DEFAULT_MAX_FAILED_ATTEMPTS = 3;

    private final Subscribers subscribers;
    private final Members members;
    private final ChangeFrames frames;
    private final PendingDeliveries pending;
    private final int concurrency;
    private final int maxFailedAttempts;

    /** Writes nothing down: a retry goes to everyone, and nobody is let go. */
    public PublishTodoChangesService(Subscribers subscribers, Members members, ChangeFrames frames, int concurrency) {
        this(subscribers, members, frames, PendingDeliveries.notKept(), concurrency, Integer.MAX_VALUE);
    }

    public PublishTodoChangesService(Subscribers subscribers, Members members, ChangeFrames frames, PendingDeliveries pending,
                                     int concurrency, int maxFailedAttempts) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (maxFailedAttempts < 1) {
            throw new IllegalArgumentException("max failed attempts must be at least 1, was " + maxFailedAttempts);
        }
        this.subscribers = subscribers;
        this.members = members;
        this.frames = frames;
        this.pending = pending;
        this.concurrency = concurrency;
        this.maxFailedAttempts = maxFailedAttempts;
    }

    @Override
    public Mono<PublishReport> publish(PublishTodoChangesCommand command) {
        if (command.changes().isEmpty()) {
            return Mono.just(new PublishReport(List.of(), 0, 0));
        }
        StreamPosition first = command.positions().get(0);
        // What an earlier attempt wrote down and the rosters are read at once: neither needs the other.
        return Mono.defer(() -> pending.find(first).map(Optional::of).defaultIfEmpty(Optional.empty())
                .zipWith(rosters(command.changes()), (previous, rosters) -> attempt(command, previous, rosters))
                .flatMap(Function.identity()));
    }

    private Mono<PublishReport> attempt(PublishTodoChangesCommand command, Optional<Redelivery> previous,
                                        Map<ListId, ListRoster> rosters) {
        List<StreamPosition> positions = command.positions();
        StreamPosition last = positions.get(positions.size() - 1);
        Map<SubscriberId, Undelivered> owed = previous.map(Redelivery::pending).orElse(List.of()).stream()
                .collect(Collectors.toMap(Undelivered::subscriber, Function.identity()));
        // Changes before resumeAt went to everyone but the owed subscribers on an earlier attempt.
        int resumeAt = previous.map(redelivery -> firstAfter(positions, redelivery.attemptedThrough())).orElse(0);
        Optional<StreamPosition> attemptedBefore = previous.map(Redelivery::attemptedThrough);
        // Counted per run, so a retried publish reports only its own.
        AtomicInteger reached = new AtomicInteger();
        AtomicInteger forgotten = new AtomicInteger();
        Map<PersonId, List<ListAudience.Entry>> audience = ListAudience.of(command.changes(), rosters);
        return connectionsOf(audience.keySet())
                // Frames are written in handle, where Reactor sets the chain's thread locals from its
                // context even where it propagates context only when asked: a frame may carry the
                // trace under way (ChangeFrames), and the store's reads complete on other threads.
                .<List<Delivery>>handle((connections, sink) -> {
                    FramePlan plan = new FramePlan(command.changes(), resumeAt);
                    List<Delivery> deliveries = new ArrayList<>();
                    connections.forEach((subscriber, person) -> {
                        Undelivered owes = owed.get(subscriber);
                        int start = owes == null ? resumeAt : Math.min(resumeAt, firstAtOrAfter(positions, owes.from()));
                        deliveries.add(new Delivery(subscriber, owes, start, plan.framesFor(audience.get(person), start)));
                    });
                    sink.next(deliveries);
                })
                .flatMapMany(Flux::fromIterable)
                .flatMap(delivery -> {
                    reached.incrementAndGet();
                    Undelivered owes = delivery.owes();
                    SubscriberId subscriber = delivery.subscriber();
                    return deliver(subscriber, delivery.frames(), forgotten).flatMap(failedFrame -> failedFrame.isEmpty()
                            ? Mono.just(stillOwed(owes, attemptedBefore, last))
                            : letGoIfFailingTooOften(missed(subscriber, owes, positions, Math.max(failedFrame.get(), delivery.start())),
                                    forgotten).map(Outcome::failed));
                }, concurrency)
                .collectList()
                .flatMap(outcomes -> {
                    List<Undelivered> failed = outcomes.stream().filter(Outcome::hasFailed).map(Outcome::undelivered)
                            .sorted(Comparator.comparing(Undelivered::from).thenComparing(u -> u.subscriber().value()))
                            .toList();
                    PublishReport report = new PublishReport(failed, reached.get(), forgotten.get());
                    return writeDown(command, previous, failed, outcomes).thenReturn(report);
                });
    }

    /** Each list's roster, read once per batch ({@code concurrency} at once); a read that fails fails the publish. */
    private Mono<Map<ListId, ListRoster>> rosters(List<ListChange> changes) {
        Set<ListId> lists = changes.stream().map(ListChange::listId).collect(Collectors.toCollection(LinkedHashSet::new));
        return Flux.fromIterable(lists)
                .flatMap(list -> members.roster(list), concurrency)
                .collectMap(ListRoster::listId, Function.identity());
    }

    /** Every connection of these people, each with its person, in the order the people come. */
    private Mono<Map<SubscriberId, PersonId>> connectionsOf(Set<PersonId> people) {
        return Flux.fromIterable(people)
                .flatMapSequential(person -> subscribers.of(person).map(subscriber -> Map.entry(subscriber, person)), concurrency)
                .collect(LinkedHashMap::new, (connections, connection) -> connections.putIfAbsent(connection.getKey(), connection.getValue()));
    }

    /** What one connection is sent on this attempt: its frames from {@code start} (an index in the batch) on. */
    private record Delivery(SubscriberId subscriber, Undelivered owes, int start, List<PlannedFrame> frames) {
    }

    /** One frame for a connection, and the index in the batch of the first change it carries. */
    private record PlannedFrame(String text, int from) {
    }

    /**
     * Turns a person's entries into frames: a list frame where the entry is one, and each run of
     * changes of one list (unbroken by a list frame or another list's change, and by the point
     * where this attempt's fresh changes start) as one changes frame, split under the limit.
     * Frames are written once per attempt and shared by every connection that gets the same run.
     */
    private final class FramePlan {

        private final List<ListChange> changes;
        private final int resumeAt;
        private final Map<List<Integer>, List<PlannedFrame>> runs = new HashMap<>();
        private final Map<ListAudience.ListFrame, String> listFrames = new HashMap<>();

        FramePlan(List<ListChange> changes, int resumeAt) {
            this.changes = changes;
            this.resumeAt = resumeAt;
        }

        List<PlannedFrame> framesFor(List<ListAudience.Entry> entries, int start) {
            List<PlannedFrame> planned = new ArrayList<>();
            List<Integer> run = new ArrayList<>();
            ListId runList = null;
            for (ListAudience.Entry entry : entries) {
                if (entry.index() < start) {
                    continue;
                }
                boolean continuesRun = entry.isTodoChange() && entry.list().equals(runList)
                        && (entry.index() < resumeAt || run.get(0) >= resumeAt);
                if (!continuesRun && !run.isEmpty()) {
                    planned.addAll(changesFrames(runList, run));
                    run = new ArrayList<>();
                }
                if (entry.isTodoChange()) {
                    run.add(entry.index());
                    runList = entry.list();
                } else {
                    planned.add(new PlannedFrame(listFrame(entry.listFrame()), entry.index()));
                    runList = null;
                }
            }
            if (!run.isEmpty()) {
                planned.addAll(changesFrames(runList, run));
            }
            return planned;
        }

        private List<PlannedFrame> changesFrames(ListId list, List<Integer> run) {
            return runs.computeIfAbsent(List.copyOf(run), indices -> frames.split(list, indices.stream()
                            .map(index -> ((ListChange.TodoChanged) changes.get(index)).change()).toList())
                    .stream()
                    .map(frame -> new PlannedFrame(frame.text(), indices.get(frame.from())))
                    .toList());
        }

        private String listFrame(ListAudience.ListFrame frame) {
            return listFrames.computeIfAbsent(frame, any -> frame.isRemoval()
                    ? frames.listRemoved(frame.listId())
                    : frames.listUpserted(new ListWithRole(frame.list(), frame.role())));
        }
    }

    /**
     * Emits the position in the batch of the first frame this subscriber did not get (none if it
     * got them all), or nothing if it turned out to be gone.
     */
    private Mono<Optional<Integer>> deliver(SubscriberId subscriber, List<PlannedFrame> frames, AtomicInteger forgotten) {
        return Flux.fromIterable(frames)
                .concatMap(frame -> subscribers.send(subscriber, frame.text())
                        .onErrorMap(error -> new FrameNotDelivered(frame.from(), error)))
                .then(Mono.just(Optional.<Integer>empty()))
                .onErrorResume(FrameNotDelivered.class, failed -> {
                    if (failed.getCause() instanceof SubscriberGoneException) {
                        forgotten.incrementAndGet();
                        // If forgetting fails too, the next batch finds it gone again and tries once more.
                        return subscribers.forget(subscriber).onErrorResume(error -> Mono.empty())
                                .then(Mono.<Optional<Integer>>empty());
                    }
                    return Mono.just(Optional.of(failed.from));
                });
    }

    /** Failing the change it was owed first again counts one more failed attempt at it; any other starts afresh. */
    private static Undelivered missed(SubscriberId subscriber, Undelivered owes, List<StreamPosition> positions, int missed) {
        boolean sameChangeAgain = owes != null && missed == firstAtOrAfter(positions, owes.from());
        return new Undelivered(subscriber, positions.get(missed), sameChangeAgain ? owes.failedAttempts() + 1 : 1);
    }

    private Mono<Undelivered> letGoIfFailingTooOften(Undelivered missed, AtomicInteger forgotten) {
        if (missed.failedAttempts() < maxFailedAttempts) {
            return Mono.just(missed);
        }
        forgotten.incrementAndGet();
        // If closing fails, it is still not owed anything: the retry moves on without it.
        return subscribers.disconnect(missed.subscriber()).onErrorResume(error -> Mono.empty()).then(Mono.empty());
    }

    /**
     * A subscriber that was owed changes and took all this batch had: if this batch is shorter
     * than what earlier attempts covered, it still lacks the changes after this batch's last.
     */
    private static Outcome stillOwed(Undelivered owes, Optional<StreamPosition> attemptedBefore, StreamPosition last) {
        if (owes == null || attemptedBefore.isEmpty() || !attemptedBefore.get().isAfter(last)) {
            return Outcome.DELIVERED;
        }
        boolean untried = owes.from().isAfter(last);
        return Outcome.owed(new Undelivered(owes.subscriber(), untried ? owes.from() : last.next(),
                untried ? owes.failedAttempts() : 0));
    }

    /**
     * Writes down what is owed under the position the batch will be retried from, and removes
     * what was written for this attempt. When nobody failed, nothing is written: the next batch
     * goes to everyone, so a subscriber still owed changes after this one's end gets them again
     * (duplicates, never gaps).
     */
    private Mono<Void> writeDown(PublishTodoChangesCommand command, Optional<Redelivery> previous,
                                 List<Undelivered> failed, List<Outcome> outcomes) {
        StreamPosition first = command.positions().get(0);
        Mono<Void> removePrevious = previous.isEmpty() ? Mono.empty()
                // A stale record stays true (who had what) and expires; the retry does not need it gone.
                : pending.remove(first).onErrorResume(error -> Mono.empty());
        if (failed.isEmpty()) {
            return removePrevious;
        }
        StreamPosition retryFrom = failed.get(0).from();
        StreamPosition last = command.positions().get(command.positions().size() - 1);
        StreamPosition attemptedThrough = previous.map(Redelivery::attemptedThrough)
                .filter(before -> before.isAfter(last)).orElse(last);
        List<Undelivered> owed = new ArrayList<>(failed);
        outcomes.stream().filter(Outcome::isOwed).map(Outcome::undelivered).forEach(owed::add);
        // If this write fails, the publish fails and the batch is retried whole from its first change.
        Mono<Void> write = pending.put(retryFrom, new Redelivery(attemptedThrough, owed));
        return retryFrom.equals(first) ? write : write.then(removePrevious);
    }

    private static int firstAtOrAfter(List<StreamPosition> positions, StreamPosition position) {
        int i = 0;
        while (i < positions.size() && position.isAfter(positions.get(i))) {
            i++;
        }
        return i;
    }

    private static int firstAfter(List<StreamPosition> positions, StreamPosition position) {
        int i = 0;
        while (i < positions.size() && !positions.get(i).isAfter(position)) {
            i++;
        }
        return i;
    }

    /** How one subscriber came out of an attempt: delivered, failed at a change, or owed changes beyond this batch. */
    private record Outcome(Undelivered undelivered, boolean hasFailed) {

        static final Outcome DELIVERED = new Outcome(null, false);

        static Outcome failed(Undelivered undelivered) {
            return new Outcome(undelivered, true);
        }

        static Outcome owed(Undelivered undelivered) {
            return new Outcome(undelivered, false);
        }

        boolean isOwed() {
            return undelivered != null && !hasFailed;
        }
    }

    private static final class FrameNotDelivered extends RuntimeException {

        private final int from;

        FrameNotDelivered(int from, Throwable cause) {
            super("the frame from change " + from + " was not delivered", cause, false, false);
            this.from = from;
        }
    }
}
