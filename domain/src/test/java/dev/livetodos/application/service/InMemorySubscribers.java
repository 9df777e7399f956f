package dev.livetodos.application.service;

import dev.livetodos.application.port.out.Subscribers;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.SubscriberGoneException;
import dev.livetodos.domain.model.SubscriberId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@link Subscribers} in a map, keeping the port's promises: a send to a subscriber that is gone
 * fails with {@link SubscriberGoneException}, any other failure is some other exception, and
 * forgetting an unknown subscriber does nothing. Nothing happens before subscription. Tests can
 * make a subscriber gone, failing (from its n-th frame on) or slow, and see what each one got.
 */
final class InMemorySubscribers implements Subscribers {

    private final Map<SubscriberId, Behaviour> connected = new LinkedHashMap<>();
    private final Map<SubscriberId, PersonId> people = new HashMap<>();
    private final Map<SubscriberId, List<String>> received = new HashMap<>();
    private final Map<SubscriberId, List<String>> sendsStarted = new HashMap<>();
    private final List<SubscriberId> forgotten = new ArrayList<>();
    private final List<SubscriberId> disconnected = new ArrayList<>();
    private final List<SubscriberId> startOrder = new ArrayList<>();
    private final List<PersonId> lookups = new ArrayList<>();
    private RuntimeException listingFailure;
    private RuntimeException forgettingFailure;

    private InMemorySubscribers() {
    }

    /** One connection per person, each under the person's id: {@code a} is person {@code a}'s. */
    static InMemorySubscribers of(String... ids) {
        InMemorySubscribers subscribers = new InMemorySubscribers();
        for (String id : ids) {
            subscribers.connected.put(new SubscriberId(id), Behaviour.healthy());
            subscribers.people.put(new SubscriberId(id), PersonId.of(id));
        }
        return subscribers;
    }

    /** Adds a healthy connection of this person. */
    synchronized InMemorySubscribers connection(String id, PersonId person) {
        connected.put(new SubscriberId(id), Behaviour.healthy());
        people.put(new SubscriberId(id), person);
        return this;
    }

    /** Its connection has closed for good: every send fails with {@link SubscriberGoneException}. */
    synchronized InMemorySubscribers gone(String id) {
        connected.put(new SubscriberId(id), Behaviour.gone());
        return this;
    }

    /** Every send fails with {@code failure}, which says nothing about the subscriber being gone. */
    synchronized InMemorySubscribers failing(String id, RuntimeException failure) {
        return failingFromFrame(id, 1, failure);
    }

    /** The first {@code n - 1} sends work; the n-th (counting from 1) and every later one fails. */
    synchronized InMemorySubscribers failingFromFrame(String id, int n, RuntimeException failure) {
        connected.put(new SubscriberId(id), Behaviour.failingFrom(n, failure));
        return this;
    }

    /** The first send is held until the returned sink is released with {@code tryEmitEmpty()}. */
    synchronized Sinks.One<Void> slowUntilReleased(String id) {
        Sinks.One<Void> release = Sinks.one();
        connected.put(new SubscriberId(id), Behaviour.firstSendWaitingFor(release.asMono()));
        return release;
    }

    /**
     * The first send takes {@code delay}. The timer is made at send time, on Reactor's clock, so
     * {@code StepVerifier.withVirtualTime} can skip it.
     */
    synchronized InMemorySubscribers slowBy(String id, Duration delay) {
        connected.put(new SubscriberId(id), Behaviour.firstSendWaitingFor(Mono.defer(() -> Mono.delay(delay).then())));
        return this;
    }

    /** Listing subscribers fails, as when the registry cannot be read. */
    synchronized InMemorySubscribers failingToList(RuntimeException failure) {
        listingFailure = failure;
        return this;
    }

    /** Forgetting fails (and forgets nothing), as when the registry cannot be written. */
    synchronized InMemorySubscribers failingToForget(RuntimeException failure) {
        forgettingFailure = failure;
        return this;
    }

    @Override
    public Flux<SubscriberId> of(PersonId person) {
        return Flux.defer(() -> {
            synchronized (this) {
                if (listingFailure != null) {
                    return Flux.error(listingFailure);
                }
                lookups.add(person);
                return Flux.fromIterable(connected.keySet().stream().filter(id -> person.equals(people.get(id))).toList());
            }
        });
    }

    /** The people whose connections were looked up, in order. */
    synchronized List<PersonId> lookups() {
        return List.copyOf(lookups);
    }

    @Override
    public Mono<Void> send(SubscriberId subscriber, String frame) {
        return Mono.defer(() -> {
            Behaviour behaviour;
            int attempt;
            synchronized (this) {
                behaviour = connected.get(subscriber);
                if (behaviour == null) {
                    return Mono.error(new SubscriberGoneException(subscriber));
                }
                List<String> started = sendsStarted.computeIfAbsent(subscriber, id -> new ArrayList<>());
                started.add(frame);
                attempt = started.size();
                if (attempt == 1) {
                    startOrder.add(subscriber);
                }
            }
            return behaviour.send(subscriber, attempt)
                    .then(Mono.fromRunnable(() -> record(subscriber, frame)));
        });
    }

    @Override
    public Mono<Void> forget(SubscriberId subscriber) {
        return Mono.defer(() -> {
            synchronized (this) {
                if (forgettingFailure != null) {
                    return Mono.error(forgettingFailure);
                }
                forgotten.add(subscriber);
                connected.remove(subscriber);
                return Mono.empty();
            }
        });
    }

    /** Closes the connection and forgets it, as a host does with one that keeps failing. */
    @Override
    public Mono<Void> disconnect(SubscriberId subscriber) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                disconnected.add(subscriber);
                connected.remove(subscriber);
            }
        });
    }

    /** Makes a subscriber that was failing healthy again (or adds a new one). */
    synchronized InMemorySubscribers healthy(String id) {
        connected.put(new SubscriberId(id), Behaviour.healthy());
        people.putIfAbsent(new SubscriberId(id), PersonId.of(id));
        return this;
    }

    synchronized List<SubscriberId> disconnected() {
        return List.copyOf(disconnected);
    }

    private synchronized void record(SubscriberId subscriber, String frame) {
        received.computeIfAbsent(subscriber, id -> new ArrayList<>()).add(frame);
    }

    /** The frames that reached this subscriber, in the order they arrived. */
    synchronized List<String> framesOf(String id) {
        return List.copyOf(received.getOrDefault(new SubscriberId(id), List.of()));
    }

    /** The frames sent to this subscriber so far, arrived or not. */
    synchronized List<String> sendsStartedTo(String id) {
        return List.copyOf(sendsStarted.getOrDefault(new SubscriberId(id), List.of()));
    }

    /** The subscribers a send has started to, in the order their first send started. */
    synchronized List<SubscriberId> sendsStarted() {
        return List.copyOf(startOrder);
    }

    synchronized int sendCount() {
        return sendsStarted.values().stream().mapToInt(List::size).sum();
    }

    synchronized List<SubscriberId> forgotten() {
        return List.copyOf(forgotten);
    }

    synchronized List<SubscriberId> connected() {
        return List.copyOf(connected.keySet());
    }

    /** How one subscriber answers its {@code attempt}-th send (counting from 1). */
    @FunctionalInterface
    private interface Behaviour {

        Mono<Void> send(SubscriberId subscriber, int attempt);

        static Behaviour healthy() {
            return (subscriber, attempt) -> Mono.empty();
        }

        static Behaviour gone() {
            return (subscriber, attempt) -> Mono.error(new SubscriberGoneException(subscriber));
        }

        static Behaviour failingFrom(int n, RuntimeException failure) {
            return (subscriber, attempt) -> attempt >= n ? Mono.error(failure) : Mono.empty();
        }

        static Behaviour firstSendWaitingFor(Mono<Void> done) {
            return (subscriber, attempt) -> attempt == 1 ? done : Mono.empty();
        }
    }
}
