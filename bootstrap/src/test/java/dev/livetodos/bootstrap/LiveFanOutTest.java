package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.bootstrap.TimedLiveClient.TimedFrame;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fan-out end to end, locally: writes made one after another through the HTTP API reach every
 * open {@code /ws} session, each exactly once. It also reports, without judging them, how long
 * after the write was acknowledged its change arrived at the subscribers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livetodos.in-memory=true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveFanOutTest {

    private static final int WRITES = 200;
    private static final Duration SUBSCRIBED_WITHIN = Duration.ofSeconds(30);
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(30);
    private static final int SUBSCRIBE_ATTEMPTS = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Rows of the figures table, one per test, printed together at the end. */
    private static final List<String> REPORT = new CopyOnWriteArrayList<>();

    @Autowired
    private Environment environment;

    /** One signed-in person, whose many connections these are: signing up costs a password hash. */
    private static SignedIn person;

    private ExecutorService clientThreads;
    private HttpClient webSockets;
    private HttpClient api;
    private final BlockingQueue<TimedFrame> inbox = new LinkedBlockingQueue<>();
    private final List<TimedLiveClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void httpClients() {
        if (person == null) {
            person = SignedIn.newPerson(environment);
        }
        clientThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fan-out-client");
            thread.setDaemon(true);
            return thread;
        });
        // One client for all sockets, as 200 clients would bring 200 selector threads to 2 cores.
        webSockets = HttpClient.newBuilder().executor(clientThreads).build();
        api = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void disconnect() {
        clients.forEach(TimedLiveClient::close);
        clientThreads.shutdownNow();
    }

    @AfterAll
    static void printFigures() {
        printTable(REPORT);
        REPORT.clear();
    }

    @Test
    @Order(1)
    void aLoneSubscriberGetsEveryWriteExactlyOnce() {
        List<TimedLiveClient> subscribers = subscribe(1);
        List<String> ids = newIds();

        Map<String, Long> ackedAt = writeOneAfterAnother(ids);

        Deliveries deliveries = awaitEveryTodoAtEverySubscriber(subscribers, ids);
        thenEachSubscriberGotEachTodoOnceAtVersionOne(deliveries, subscribers, ids, ackedAt);
    }

    @Test
    @Order(2)
    void everySubscriberOfTwoHundredGetsEveryWrite() {
        List<TimedLiveClient> subscribers = subscribe(200);
        List<String> ids = newIds();

        Map<String, Long> ackedAt = writeOneAfterAnother(ids);

        Deliveries deliveries = awaitEveryTodoAtEverySubscriber(subscribers, ids);
        thenEachSubscriberGotEachTodoOnceAtVersionOne(deliveries, subscribers, ids, ackedAt);
    }

    private void thenEachSubscriberGotEachTodoOnceAtVersionOne(Deliveries deliveries, List<TimedLiveClient> subscribers,
                                                               List<String> ids, Map<String, Long> ackedAt) {
        // Recorded before judging, so the figures are printed even when the test fails.
        REPORT.add(figures(subscribers.size(), ids.size(), deliveries, ackedAt));

        assertThat(deliveries.missing()).as("deliveries missing (subscriber -> todo ids)").isEmpty();
        assertThat(deliveries.notExactlyOnceAtVersionOne())
                .as("todos not received exactly once at version 1 (subscriber -> todo id -> versions received)")
                .isEmpty();
        assertThat(deliveries.unexpected()).as("changes of our todos other than an upsert").isEmpty();
    }

    private static List<String> newIds() {
        return IntStream.range(0, WRITES).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }

    /** Connects the subscribers at once and waits until each has had its ping answered. */
    private List<TimedLiveClient> subscribe(int count) {
        List<CompletableFuture<TimedLiveClient>> subscribing = IntStream.range(0, count)
                .mapToObj(number -> subscribed(number, SUBSCRIBE_ATTEMPTS))
                .toList();
        try {
            CompletableFuture.allOf(subscribing.toArray(CompletableFuture[]::new))
                    .get(SUBSCRIBED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("not all " + count + " clients were subscribed within " + SUBSCRIBED_WITHIN, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return subscribing.stream().map(CompletableFuture::join).toList();
    }

    /**
     * A connection the server has answered a ping on. The server may turn a newcomer away (1013)
     * when its session id is taken; the client then reconnects as another, as a browser would.
     */
    private CompletableFuture<TimedLiveClient> subscribed(int number, int attemptsLeft) {
        return TimedLiveClient.connect(webSockets, person.live(), number, inbox::add)
                .thenCompose(client -> {
                    clients.add(client);
                    return client.ping().orTimeout(10, TimeUnit.SECONDS).handle((pong, error) -> {
                        if (error == null) {
                            return CompletableFuture.completedFuture(client);
                        }
                        client.close();
                        return attemptsLeft > 1
                                ? subscribed(number, attemptsLeft - 1)
                                : CompletableFuture.<TimedLiveClient>failedFuture(error);
                    }).thenCompose(Function.identity());
                });
    }

    /** POSTs one todo at a time and notes when each 201 came back. */
    private Map<String, Long> writeOneAfterAnother(List<String> ids) {
        Map<String, Long> ackedAt = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            HttpRequest create = HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port")
                            + person.todos()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", person.authorization())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"name\":\"Fan-out " + i + "\"}"))
                    .build();
            HttpResponse<String> response = send(create);
            long acknowledged = System.nanoTime();
            assertThat(response.statusCode()).as("POST of todo %s answered %s", id, response.body()).isEqualTo(201);
            ackedAt.put(id, acknowledged);
        }
        return ackedAt;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return api.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the API did not answer " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Reads the frames as they come in until every subscriber holds every todo, or the deadline
     * passes; then takes whatever else has already arrived, so a late duplicate is seen too.
     */
    private Deliveries awaitEveryTodoAtEverySubscriber(List<TimedLiveClient> subscribers, List<String> ids) {
        Deliveries deliveries = new Deliveries(subscribers, ids);
        long deadline = System.nanoTime() + DELIVERED_WITHIN.toNanos();
        try {
            while (!deliveries.complete()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimedFrame frame = inbox.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null) {
                    deliveries.take(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        List<TimedFrame> rest = new ArrayList<>();
        inbox.drainTo(rest);
        rest.forEach(deliveries::take);
        return deliveries;
    }

    private static String figures(int subscribers, int writes, Deliveries deliveries, Map<String, Long> ackedAt) {
        long[] latencies = deliveries.firstArrivals().entrySet().stream()
                .mapToLong(arrival -> arrival.getValue() - ackedAt.get(arrival.getKey().id()))
                .toArray();
        long early = Arrays.stream(latencies).filter(latency -> latency < 0).count();
        // A frame may beat the HTTP answer to the client; such a delivery counts as instant.
        long[] sorted = Arrays.stream(latencies).map(latency -> Math.max(0, latency)).sorted().toArray();
        int missing = deliveries.missing().values().stream().mapToInt(Set::size).sum();
        return String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %s | %s | %s |",
                subscribers, writes, sorted.length, missing, early,
                millis(percentile(sorted, 50)), millis(percentile(sorted, 99)), millis(percentile(sorted, 100)));
    }

    /** Nearest rank: the smallest value at or above which {@code p} percent of the values lie. */
    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "–" : String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
    }

    private static void printTable(List<String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder()
                .append("\n| subscribers | writes | deliveries | missing | early (clamped to 0) | p50 ms | p99 ms | max ms |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(row -> table.append(row).append('\n'));
        System.out.println(table);
    }

    private record Delivery(int subscriber, String id) {
    }

    /** What each subscriber has received of the todos written, read only by the test's thread. */
    private static final class Deliveries {

        private final Set<String> ids;
        private final int expected;
        private final Map<Integer, Map<String, List<Long>>> versions = new LinkedHashMap<>();
        private final Map<Delivery, Long> firstArrivals = new HashMap<>();
        private final List<String> unexpected = new ArrayList<>();

        Deliveries(List<TimedLiveClient> subscribers, List<String> ids) {
            this.ids = Set.copyOf(ids);
            this.expected = subscribers.size() * ids.size();
            subscribers.forEach(subscriber -> versions.put(subscriber.number(), new LinkedHashMap<>()));
        }

        void take(TimedFrame frame) {
            int subscriber = frame.client().number();
            JsonNode message = JSON.readTree(frame.text());
            if (!"changes".equals(message.path("type").asString()) || !versions.containsKey(subscriber)) {
                return;
            }
            for (JsonNode change : message.path("changes")) {
                String id = change.has("todo") ? change.path("todo").path("id").asString() : change.path("id").asString();
                if (!ids.contains(id)) {
                    continue;
                }
                if (!"upsert".equals(change.path("op").asString())) {
                    unexpected.add("subscriber " + subscriber + ": " + change);
                    continue;
                }
                versions.get(subscriber).computeIfAbsent(id, key -> new ArrayList<>())
                        .add(change.path("todo").path("version").asLong());
                firstArrivals.putIfAbsent(new Delivery(subscriber, id), frame.receivedNanos());
            }
        }

        boolean complete() {
            return firstArrivals.size() == expected;
        }

        Map<Delivery, Long> firstArrivals() {
            return firstArrivals;
        }

        Map<Integer, Set<String>> missing() {
            Map<Integer, Set<String>> missing = new LinkedHashMap<>();
            versions.forEach((subscriber, received) -> {
                Set<String> absent = new TreeSet<>(ids);
                absent.removeAll(received.keySet());
                if (!absent.isEmpty()) {
                    missing.put(subscriber, absent);
                }
            });
            return missing;
        }

        Map<Integer, Map<String, List<Long>>> notExactlyOnceAtVersionOne() {
            Map<Integer, Map<String, List<Long>>> wrong = new LinkedHashMap<>();
            versions.forEach((subscriber, received) -> received.forEach((id, seen) -> {
                if (!seen.equals(List.of(1L))) {
                    wrong.computeIfAbsent(subscriber, key -> new LinkedHashMap<>()).put(id, seen);
                }
            }));
            return wrong;
        }

        List<String> unexpected() {
            return unexpected;
        }
    }
}
