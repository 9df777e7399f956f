package dev.livetodos.bench;

import dev.livetodos.bootstrap.SignedIn;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.livetodos.bootstrap.WholeFrames;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Live changes: {@code subscribers} WebSocket clients on {@code /ws}, each answered a ping, then
 * writes POSTed one after another; for every delivery the time from the write's 201 to the
 * change's frame fully arriving, and every delivery that never came.
 */
final class Live {

    /** Latencies in milliseconds over all deliveries. */
    record Result(int subscribers, int writes, long deliveries, long missing, long duplicates,
                  double p50Millis, double p99Millis, double maxMillis, Cpu cpu, Server server, String failure) {
    }

    /**
     * The server's share, from its own timers over the same writes: each stream batch's publishing
     * (reading the list's roster, planning the frames, queueing them for every session; its count
     * is the batches the writes came in) and each frame's wait in its session's buffer before the
     * socket took it. What the client measures beyond those is the stream poller's reading of the
     * write, the socket and the client's own reading.
     */
    record Server(ServerMeters.Timed fanOut, ServerMeters.Timed outboxWait) {

        static final Server UNKNOWN = new Server(ServerMeters.Timed.NONE, ServerMeters.Timed.NONE);
    }

    /**
     * Processor time while the writes were sent and delivered, in cores (processor seconds per
     * second): the benchmark's own process, which reads every socket, against the server's. A
     * client near all the machine's cores would be the bottleneck, not the server.
     */
    record Cpu(double seconds, double clientCores, double serverCores, int readerThreads) {
    }

    private static final Pattern TODO_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(30);
    private static final AtomicLong LAST_FRAME = new AtomicLong(System.nanoTime());
    /** Selector threads reading the sockets, at most; one per core of this machine would leave nothing to the server. */
    private static final int READER_THREADS = 4;
    private static final com.sun.management.OperatingSystemMXBean OWN_PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Live() {
    }

    static Result run(HttpClient api, int port, Process server, ServerMeters meters, SignedIn person, int subscribers, int writes)
            throws InterruptedException {
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bench-live");
            thread.setDaemon(true);
            return thread;
        });
        // Sockets spread over several clients, each with a selector thread of its own reading its share.
        int readers = Math.min(READER_THREADS, Math.max(1, subscribers));
        List<HttpClient> http = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            http.add(HttpClient.newBuilder().executor(threads).build());
        }
        List<Subscriber> clients = new ArrayList<>();
        try {
            List<CompletableFuture<Subscriber>> connecting = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                connecting.add(Subscriber.connect(http.get(i % readers), person.live()));
            }
            for (CompletableFuture<Subscriber> client : connecting) {
                clients.add(client.get(60, TimeUnit.SECONDS));
            }
            for (Subscriber client : clients) {
                client.ping().get(30, TimeUnit.SECONDS);
            }
            // Changes of the HTTP load may still be on their way out of the stream; let them pass.
            waitAtMost(Duration.ofSeconds(60), Duration.ofMillis(50),
                    () -> System.nanoTime() - LAST_FRAME.get() >= Duration.ofSeconds(1).toNanos());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                ids.add(UUID.randomUUID().toString());
            }
            Set<String> watched = Set.copyOf(ids);
            clients.forEach(client -> client.watched = watched);
            Map<String, Long> ackedAt = new HashMap<>();
            ServerMeters.Reading metersBefore = meters.read();
            long began = System.nanoTime();
            long clientCpuBefore = OWN_PROCESS.getProcessCpuTime();
            double serverCpuBefore = Processes.cpuSeconds(server);
            for (int i = 0; i < writes; i++) {
                String id = ids.get(i);
                HttpResponse<Void> created = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + person.todos()))
                        .header("Content-Type", "application/json")
                        .header("Authorization", person.authorization())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"name\":\"Live " + i + "\"}"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                long acknowledged = System.nanoTime();
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("POST answered " + created.statusCode());
                }
                ackedAt.put(id, acknowledged);
            }
            // Whatever has not arrived by then is counted as missing.
            waitAtMost(DELIVERED_WITHIN, Duration.ofMillis(10),
                    () -> clients.stream().allMatch(client -> client.hasAll(ackedAt.keySet())));
            double seconds = (System.nanoTime() - began) / 1e9;
            Cpu cpu = new Cpu(seconds, (OWN_PROCESS.getProcessCpuTime() - clientCpuBefore) / 1e9 / seconds,
                    (Processes.cpuSeconds(server) - serverCpuBefore) / seconds, readers);
            ServerMeters.Reading metersAfter = meters.read();
            Server serverSide = new Server(metersAfter.since(metersBefore, "livetodos_fanout_duration"),
                    metersAfter.since(metersBefore, "livetodos_subscribers_outbox_wait"));
            Histogram latencies = new Histogram(60_000_000L, 3);
            long missing = 0;
            long duplicates = 0;
            for (Subscriber client : clients) {
                for (Map.Entry<String, Long> write : ackedAt.entrySet()) {
                    Long arrived = client.arrivals.get(write.getKey());
                    if (arrived == null) {
                        missing++;
                    } else {
                        // A frame may beat the HTTP answer to the client; that counts as instant.
                        latencies.recordValue(Math.max(0, arrived - write.getValue()) / 1000);
                    }
                }
                duplicates += client.duplicates.get();
            }
            return new Result(subscribers, writes, latencies.getTotalCount(), missing, duplicates,
                    latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
                    latencies.getMaxValue() / 1000.0, cpu, serverSide, null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                throw (InterruptedException) e;
            }
            return new Result(subscribers, writes, 0, (long) subscribers * writes, 0, -1, -1, -1, null, Server.UNKNOWN,
                    clients.size() + " of " + subscribers + " connected, then: " + e);
        } finally {
            clients.forEach(Subscriber::close);
            threads.shutdownNow();
        }
    }

    /** Polls the condition until it holds or the time is up; either way the benchmark goes on. */
    private static void waitAtMost(Duration atMost, Duration every, BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(atMost).pollInterval(every).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException timeUp) {
            // Measured as it is.
        }
    }

    /** One {@code /ws} session; notes when each todo's change first arrived. */
    private static final class Subscriber {

        final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        final AtomicLong duplicates = new AtomicLong();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private volatile CompletableFuture<Void> pong = new CompletableFuture<>();
        private volatile WebSocket socket;
        private volatile Set<String> watched = Set.of();

        static CompletableFuture<Subscriber> connect(HttpClient http, URI live) {
            Subscriber subscriber = new Subscriber();
            subscriber.closed.whenComplete((code, error) -> subscriber.pong.completeExceptionally(
                    error != null ? error : new IllegalStateException("closed with " + code)));
            return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(live, new WholeFrames(subscriber::received, subscriber.closed))
                    .thenApply(socket -> {
                        subscriber.socket = socket;
                        return subscriber;
                    });
        }

        CompletableFuture<Void> ping() {
            CompletableFuture<Void> answered = new CompletableFuture<>();
            pong = answered;
            socket.sendText("{\"type\":\"ping\"}", true);
            return answered;
        }

        boolean hasAll(Set<String> ids) {
            return arrivals.keySet().containsAll(ids);
        }

        private void received(String frame, long receivedNanos) {
            if (frame.startsWith("{\"type\":\"pong\"")) {
                pong.complete(null);
                return;
            }
            LAST_FRAME.set(receivedNanos);
            Matcher ids = TODO_ID.matcher(frame);
            while (ids.find()) {
                String id = ids.group(1);
                if (watched.contains(id) && arrivals.putIfAbsent(id, receivedNanos) != null) {
                    duplicates.incrementAndGet();
                }
            }
        }

        void close() {
            WebSocket open = socket;
            if (open != null) {
                open.abort();
            }
        }
    }
}
