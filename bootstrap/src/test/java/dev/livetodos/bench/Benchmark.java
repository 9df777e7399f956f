package dev.livetodos.bench;

import dev.livetodos.bench.ClosedLoop.Result;
import dev.livetodos.bootstrap.SignedIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast livetodos is, against the store's own limit: the real {@code livetodos.jar} in its own
 * process, and DynamoDB Local of the same version in another as the raw-store reference, each
 * API scenario followed at once by the same store operations sent straight to the store.
 * Prints one markdown table and writes the same figures to {@code <out>/benchmark.json}.
 *
 * <p>{@code mvn -B -DskipTests -Pbench verify -pl bootstrap -am}; see {@link Settings} for the
 * {@code bench.*} properties.
 */
public final class Benchmark {

    /** One HTTP scenario at one concurrency: the API and the raw store doing the same. */
    record Row(String scenario, int concurrency, Result api, Result raw, double apiToRaw) {
    }

    /** Startup and memory of the server process. */
    record Server(List<Double> startupSeconds, double medianStartupSeconds, double idleRssMb,
                  double peakRssAfterHttpMb, double peakRssAtEndMb) {
    }

    /** Everything one run measured. */
    record Report(Map<String, Object> machine, Map<String, Object> settings, Server server, List<Row> http,
                  Resume resume, List<Live.Result> live, long deletablesCreatedWhileTimed) {
    }

    /**
     * A client that holds the whole list and its cursor misses {@code changes} updates, then
     * catches up from the feed, against reading the whole list again: bytes and time (medians of
     * {@link #RESUME_RUNS}), items and pages of one catch-up.
     */
    record Resume(int todos, int changes, int items, int pages, long feedBytes, double feedMillis,
                  long fullBytes, double fullMillis) {
    }

    private static final int RESUME_RUNS = 5;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final int SEED_THREADS = 10;
    /** Todos in one batch write. */
    private static final int BATCH = 25;

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> seeded = new ArrayList<>();
    private final DeletableTodos apiDeletable = new DeletableTodos(id -> expect(201, post(id, "To delete " + id)));
    private DeletableTodos rawDeletable;
    private String base;
    private SignedIn person;

    private final long began = System.nanoTime();

    private Benchmark(Settings settings) {
        this.settings = settings;
    }

    private void progress(String step) {
        System.err.printf(Locale.ROOT, "[bench %6.1f s] %s%n", (System.nanoTime() - began) / 1e9, step);
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        long started = System.nanoTime();
        Report report = run(settings);
        System.out.println(markdown(report));
        System.out.printf(Locale.ROOT, "%nThe benchmark took %.0f s; figures in %s%n",
                (System.nanoTime() - started) / 1e9, settings.outDir().resolve("benchmark.json").toAbsolutePath());
    }

    /** Runs every scenario and writes {@code benchmark.json} and {@code benchmark.md} under the out dir. */
    static Report run(Settings settings) throws Exception {
        Report report = new Benchmark(settings).measure();
        Files.createDirectories(settings.outDir());
        JSON.writeValue(settings.outDir().resolve("benchmark.json").toFile(), report);
        Files.writeString(settings.outDir().resolve("benchmark.md"), markdown(report));
        return report;
    }

    private Report measure() throws Exception {
        Process store = null;
        Process server = null;
        try {
            int storePort = Processes.freePort();
            store = Processes.startRawStore(storePort, settings.outDir().resolve("raw-store.log"));
            Processes.awaitListening(http, store, storePort, Duration.ofSeconds(60));

            int port = Processes.freePort();
            String config = "http://localhost:" + port + "/config.json";
            List<Double> startups = new ArrayList<>();
            progress("raw store up");
            for (int start = 1; start <= settings.starts(); start++) {
                long launched = System.nanoTime();
                server = Processes.startServer(settings.server(), port, settings.outDir().resolve("server-" + start + ".log"));
                // Ready when a visitor can sign in: the page's settings name the issuer.
                startups.add(Processes.awaitSignInReady(http, server, config, launched, Duration.ofSeconds(120)).toMillis() / 1000.0);
                if (start < settings.starts()) {
                    Processes.stop(server);
                }
            }
            progress("started " + startups);
            // One person does all the API's work, on their own list; the raw store's figures are v1's key, unchanged.
            person = SignedIn.newPerson(port);
            base = "http://localhost:" + port + person.todos();
            double idleRss = settledRss(server);

            List<Row> rows = new ArrayList<>();
            try (RawStore raw = new RawStore(storePort, http)) {
                raw.createTable();
                rawDeletable = new DeletableTodos(id -> {
                    String failure = raw.create(id);
                    if (failure != null) {
                        throw new IllegalStateException(failure);
                    }
                });
                for (int todos : settings.todoCounts()) {
                    rows.addAll(listScenario(raw, todos));
                }
                for (int concurrency : settings.writeConcurrencies()) {
                    rows.addAll(writeScenarios(raw, concurrency));
                }
            }
            Resume resume = settings.resumeChanges() > 0 && seeded.size() >= settings.resumeChanges()
                    ? resumeScenario(settings.resumeChanges()) : null;
            double peakAfterHttp = Processes.memoryMb(server, "VmHWM");

            List<Live.Result> live = new ArrayList<>();
            for (int subscribers : settings.subscriberCounts()) {
                progress("live, " + subscribers + " subscribers");
                live.add(Live.run(http, port, server, new ServerMeters(http, port), person, subscribers, settings.liveWrites()));
            }
            double peakAtEnd = Processes.memoryMb(server, "VmHWM");

            Server figures = new Server(startups, median(startups), idleRss, peakAfterHttp, peakAtEnd);
            progress("done");
            long createdWhileTimed = apiDeletable.createdOnDemand() + (rawDeletable == null ? 0 : rawDeletable.createdOnDemand());
            return new Report(machine(), settingsFigures(), figures, rows, resume, live, createdWhileTimed);
        } finally {
            Processes.stop(server);
            Processes.stop(store);
        }
    }

    /** GET of the whole list at every concurrency, after both stores hold {@code todos} todos. */
    private List<Row> listScenario(RawStore raw, int todos) throws Exception {
        List<String> more = new ArrayList<>();
        while (seeded.size() + more.size() < todos) {
            more.add(UUID.randomUUID().toString());
        }
        progress("seeding " + todos + " todos");
        inParallel(more, id -> expect(201, post(id, "Todo " + id)));
        raw.seed(more);
        seeded.addAll(more);

        HttpResponse<byte[]> whole = send(HttpRequest.newBuilder(URI.create(base)).build());
        int listed = JSON.readTree(whole.body()).size();
        int queried = raw.readList();
        if (listed != todos || queried != todos) {
            throw new IllegalStateException("expected " + todos + " todos, the API listed " + listed + ", the store " + queried);
        }
        // Nothing is written meanwhile, so a complete answer is exactly as long as this one.
        int completeLength = whole.body().length;
        HttpRequest list = HttpRequest.newBuilder(URI.create(base)).build();
        List<Row> rows = new ArrayList<>();
        for (int concurrency : settings.concurrencies()) {
            progress("GET " + todos + " todos, concurrency " + concurrency);
            Result api = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(), worker -> {
                HttpResponse<byte[]> answer = send(list);
                return answer.statusCode() != 200 ? "status " + answer.statusCode()
                        : answer.body().length != completeLength ? "incomplete body" : null;
            });
            Result store = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(),
                    worker -> raw.readList() == todos ? null : "incomplete query");
            rows.add(row(String.format(Locale.ROOT, "GET %,d todos", todos), api, store));
        }
        // The same read with the tag of the last one: the list is unchanged, so 304 from its seq alone.
        String tag = whole.headers().firstValue("ETag").orElseThrow(() -> new IllegalStateException("the list read had no ETag"));
        HttpRequest unlessUnchanged = HttpRequest.newBuilder(URI.create(base)).header("If-None-Match", tag).build();
        for (int concurrency : settings.concurrencies()) {
            progress("GET " + todos + " todos if changed (304), concurrency " + concurrency);
            Result api = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(), worker -> {
                HttpResponse<byte[]> answer = send(unlessUnchanged);
                return answer.statusCode() != 304 ? "status " + answer.statusCode() : null;
            });
            Result store = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(),
                    worker -> raw.readUnchanged());
            rows.add(row(String.format(Locale.ROOT, "GET %,d todos, unchanged (304)", todos), api, store));
        }
        return rows;
    }

    /** The list as it is after the list scenarios: the cursor of a full read, changes, then the feed after it, against a full read. */
    private Resume resumeScenario(int changes) throws Exception {
        progress("resume after " + changes + " changes");
        HttpResponse<byte[]> held = send(HttpRequest.newBuilder(URI.create(base)).build());
        expect(200, held);
        String cursor = held.headers().firstValue("Livetodos-Cursor").orElseThrow(() -> new IllegalStateException("no cursor"));
        List<String> changed = seeded.subList(0, changes);
        for (int from = 0; from < changed.size(); from += 97) {
            String body = changed.subList(from, Math.min(changed.size(), from + 97)).stream()
                    .map(id -> "{\"id\":\"" + id + "\",\"changes\":{\"status\":\"completed\"}}")
                    .collect(Collectors.joining(",", "[", "]"));
            expect(200, send(json(HttpRequest.newBuilder(URI.create(base)), body, "PUT")));
        }
        String feed = base.substring(0, base.length() - "/todos".length()) + "/changes?after=";
        List<Double> feedMillis = new ArrayList<>();
        List<Double> fullMillis = new ArrayList<>();
        long feedBytes = 0;
        long fullBytes = 0;
        int items = 0;
        int pages = 0;
        for (int run = 0; run < RESUME_RUNS; run++) {
            long started = System.nanoTime();
            String after = cursor;
            boolean more = true;
            feedBytes = 0;
            items = 0;
            pages = 0;
            while (more) {
                HttpResponse<byte[]> page = send(HttpRequest.newBuilder(URI.create(feed + after)).build());
                expect(200, page);
                tools.jackson.databind.JsonNode json = JSON.readTree(page.body());
                feedBytes += page.body().length;
                items += json.path("changes").size();
                after = json.path("cursor").asString();
                more = json.path("more").asBoolean();
                pages++;
            }
            feedMillis.add((System.nanoTime() - started) / 1e6);
            started = System.nanoTime();
            HttpResponse<byte[]> whole = send(HttpRequest.newBuilder(URI.create(base)).build());
            expect(200, whole);
            fullMillis.add((System.nanoTime() - started) / 1e6);
            fullBytes = whole.body().length;
        }
        if (items != changes) {
            throw new IllegalStateException("the feed after " + changes + " updates of distinct todos gave " + items);
        }
        return new Resume(seeded.size(), changes, items, pages, feedBytes, median(feedMillis), fullBytes, median(fullMillis));
    }

    /** POST create, PUT one update (no version) and DELETE one id, each against its raw operation. */
    private List<Row> writeScenarios(RawStore raw, int concurrency) throws Exception {
        progress("writes, concurrency " + concurrency);
        List<Row> rows = new ArrayList<>();
        Result api = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(), worker -> {
            String id = UUID.randomUUID().toString();
            String failure = failure(201, post(id, "Created " + id));
            apiDeletable.add(id);
            return failure;
        });
        Result store = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(), worker -> {
            String id = UUID.randomUUID().toString();
            String failure = raw.create(id);
            rawDeletable.add(id);
            return failure;
        });
        rows.add(row("POST create", api, store));
        Result apiCreates = api;
        Result rawCreates = store;

        // Each worker of the batches changes 25 todos of its own, so no two batches meet on a version
        // (seeded here, also for the single updates when no list scenario seeded any).
        List<String> more = freshIds(Math.max(0, (long) BATCH * concurrency - seeded.size()));
        if (!more.isEmpty()) {
            progress("seeding " + more.size() + " todos for the batches");
            inParallel(more, id -> expect(201, post(id, "Todo " + id)));
            raw.seed(more);
            seeded.addAll(more);
        }

        AtomicLong renames = new AtomicLong();
        api = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(), worker -> {
            String body = "[{\"id\":\"" + seeded.get(worker % seeded.size()) + "\",\"changes\":{\"name\":\"Renamed "
                    + renames.incrementAndGet() + "\"}}]";
            return failure(200, send(json(HttpRequest.newBuilder(URI.create(base)), body, "PUT")));
        });
        store = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(),
                worker -> raw.update(seeded.get(worker % seeded.size()), "Renamed " + renames.incrementAndGet()));
        rows.add(row("PUT one update", api, store));

        api = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(), worker -> {
            String name = "Batch " + renames.incrementAndGet();
            String body = batchOf(worker).stream()
                    .map(id -> "{\"id\":\"" + id + "\",\"changes\":{\"name\":\"" + name + "\"}}")
                    .collect(Collectors.joining(",", "[", "]"));
            return failure(200, send(json(HttpRequest.newBuilder(URI.create(base)), body, "PUT")));
        });
        store = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(),
                worker -> raw.updateAll(batchOf(worker), "Batch " + renames.incrementAndGet()));
        rows.add(row("PUT " + BATCH + " updates", api, store));

        // Every DELETE removes a todo that exists. The pools are topped up to a multiple of the
        // create rate so that, mostly, nothing is created during the scenario (a delete of one id
        // is one store call, like a create, and DynamoDB Local deletes faster); should a machine
        // delete faster still, the pool creates the next one outside the timed part.
        long apiNeed = need(apiCreates, 3, apiDeletable.size());
        progress("topping up " + apiNeed + " API todos to delete");
        List<String> apiMore = freshIds(apiNeed);
        inParallel(apiMore, id -> expect(201, post(id, "To delete " + id)));
        apiDeletable.addAll(apiMore);
        progress("topping up raw todos to delete");
        List<String> rawMore = freshIds(need(rawCreates, 3, rawDeletable.size()));
        raw.seed(rawMore);
        rawDeletable.addAll(rawMore);

        api = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(), deleting(apiDeletable, id -> {
            HttpResponse<byte[]> answer = send(json(HttpRequest.newBuilder(URI.create(base)), "[\"" + id + "\"]", "DELETE"));
            String failure = failure(200, answer);
            return failure != null ? failure
                    : JSON.readTree(answer.body()).path("deleted").size() == 1 ? null : "deleted nothing";
        }));
        store = ClosedLoop.run(concurrency, settings.warmUp(), settings.scenario(), deleting(rawDeletable,
                raw::delete));
        rows.add(row("DELETE one id", api, store));
        return rows;
    }

    /** The todos a worker changes in one batch: 25 of its own. */
    private List<String> batchOf(int worker) {
        return seeded.subList(worker * BATCH, worker * BATCH + BATCH);
    }

    private long need(Result creates, int times, int pooled) {
        double seconds = (settings.warmUp().toMillis() + settings.scenario().toMillis()) / 1000.0;
        return Math.max(0, (long) Math.ceil(creates.requestsPerSecond() * times * seconds) - pooled);
    }

    /** Deletes one todo from {@code pool} per call; taking it (and creating it, if need be) is not timed. */
    private static ClosedLoop.Prepared<String> deleting(DeletableTodos pool, Delete delete) {
        return new ClosedLoop.Prepared<>() {
            @Override
            public String prepare(int worker) throws Exception {
                return pool.take();
            }

            @Override
            public String send(int worker, String id) throws Exception {
                return delete.apply(id);
            }
        };
    }

    private static List<String> freshIds(long count) {
        List<String> ids = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }


    private Row row(String scenario, Result api, Result raw) {
        return new Row(scenario, api.concurrency(), api, raw, api.requestsPerSecond() / raw.requestsPerSecond());
    }

    private HttpResponse<byte[]> post(String id, String name) throws IOException, InterruptedException {
        return send(json(HttpRequest.newBuilder(URI.create(base)), "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}", "POST"));
    }

    private static HttpRequest json(HttpRequest.Builder request, String body, String method) {
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Sends the request as the signed-in person (their token added to what was built). */
    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest signedIn = HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", person.authorization()).build();
        return http.send(signedIn, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String failure(int expected, HttpResponse<byte[]> response) {
        return response.statusCode() == expected ? null : "status " + response.statusCode();
    }

    private static void expect(int status, HttpResponse<byte[]> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " answered " + response.statusCode()
                    + ": " + new String(response.body()));
        }
    }

    /** Deletes one id; null, or what went wrong. */
    @FunctionalInterface
    private interface Delete {
        String apply(String id) throws Exception;
    }

    /** Interface for the seeding steps, which may throw. */
    @FunctionalInterface
    private interface Step {
        void apply(String id) throws Exception;
    }

    private static void inParallel(List<String> ids, Step step) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String id : ids) {
                done.add(threads.submit(() -> {
                    step.apply(id);
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return machine;
    }

    private Map<String, Object> settingsFigures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenarioSeconds", settings.scenario().toMillis() / 1000.0);
        figures.put("warmUpSeconds", settings.warmUp().toMillis() / 1000.0);
        figures.put("todoCounts", settings.todoCounts());
        figures.put("concurrencies", settings.concurrencies());
        figures.put("writeConcurrencies", settings.writeConcurrencies());
        figures.put("subscriberCounts", settings.subscriberCounts());
        figures.put("liveWrites", settings.liveWrites());
        figures.put("starts", settings.starts());
        figures.put("resumeChanges", settings.resumeChanges());
        return figures;
    }

    static String markdown(Report report) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> machine = report.machine();
        Map<String, Object> settings = report.settings();
        out.append(String.format(Locale.ROOT, "Machine: %s cores, JDK %s, %s. Closed loop, %s s per scenario after %s s warm-up; "
                        + "raw = DynamoDB Local 3.3.1 in its own JVM, sent the same store operations "
                        + "as DynamoDB JSON by the same HTTP client.%n%n",
                machine.get("cores"), machine.get("jdk"), machine.get("os"), settings.get("scenarioSeconds"),
                settings.get("warmUpSeconds")));
        out.append("| scenario | conc. | API req/s | API p50 ms | API p99 ms | API errors | raw req/s | raw p50 ms | raw p99 ms | raw errors | API/raw |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : report.http()) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %d | %.0f | %.2f | %.2f | %d | %.2f |%n",
                    row.scenario(), row.concurrency(),
                    row.api().requestsPerSecond(), row.api().p50Millis(), row.api().p99Millis(), row.api().errors(),
                    row.raw().requestsPerSecond(), row.raw().p50Millis(), row.raw().p99Millis(), row.raw().errors(),
                    row.apiToRaw()));
        }
        for (Row row : report.http()) {
            if (row.api().errors() + row.raw().errors() > 0) {
                out.append(String.format(Locale.ROOT, "%nErrors, %s at %d: API %s, raw %s%n", row.scenario(), row.concurrency(),
                        row.api().errorKinds(), row.raw().errorKinds()));
            }
        }
        Resume resume = report.resume();
        if (resume != null) {
            out.append(String.format(Locale.ROOT, "%n| resume: %,d todos, %,d missed changes | items | pages | bytes | ms (median of %d) |%n",
                    resume.todos(), resume.changes(), RESUME_RUNS));
            out.append("|---|---:|---:|---:|---:|\n");
            out.append(String.format(Locale.ROOT, "| change feed after the cursor | %d | %d | %,d | %.1f |%n",
                    resume.items(), resume.pages(), resume.feedBytes(), resume.feedMillis()));
            out.append(String.format(Locale.ROOT, "| whole list again | %d | 1 | %,d | %.1f |%n",
                    resume.todos(), resume.fullBytes(), resume.fullMillis()));
        }
        out.append("\n| live: subscribers | writes | deliveries | missing | duplicates | ack→received p50 ms | p99 ms | max ms "
                + "| s | client CPU (cores, reader threads) | server CPU (cores) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Live.Result live : report.live()) {
            Live.Cpu cpu = live.cpu() == null ? new Live.Cpu(-1, -1, -1, 0) : live.cpu();
            out.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.2f (%d) | %.2f |%n",
                    live.subscribers(), live.writes(), live.deliveries(), live.missing(), live.duplicates(),
                    live.p50Millis(), live.p99Millis(), live.maxMillis(), cpu.seconds(), cpu.clientCores(), cpu.readerThreads(),
                    cpu.serverCores()));
            if (live.failure() != null) {
                out.append("| ").append(live.subscribers()).append(" failed: ").append(live.failure().replace('|', '/'))
                        .append(" | | | | | | | | | | |\n");
            }
        }
        out.append("\n| live, the server's share: subscribers | stream batches | publishing a batch: mean ms | p50 ≤ ms | p99 ≤ ms "
                + "| frames written | a frame's wait in its session's buffer: mean ms | p50 ≤ ms | p99 ≤ ms |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Live.Result live : report.live()) {
            ServerMeters.Timed fanOut = live.server().fanOut();
            ServerMeters.Timed waits = live.server().outboxWait();
            out.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %.1f | %.1f | %d | %.2f | %.2f | %.1f |%n",
                    live.subscribers(), fanOut.count(), fanOut.meanMillis(), fanOut.p50Millis(), fanOut.p99Millis(),
                    waits.count(), waits.meanMillis(), waits.p50Millis(), waits.p99Millis()));
        }
        Server server = report.server();
        out.append("\n| server | figure |\n|---|---:|\n");
        out.append(String.format(Locale.ROOT, "| start → /config.json names the issuer (a visitor can sign in), median of %d | %.2f s |%n",
                server.startupSeconds().size(), server.medianStartupSeconds()));
        out.append(String.format(Locale.ROOT, "| cold starts | %s |%n", server.startupSeconds().stream()
                .map(seconds -> String.format(Locale.ROOT, "%.2f", seconds)).toList()));
        out.append(String.format(Locale.ROOT, "| RSS idle after start (VmRSS) | %.0f MB |%n", server.idleRssMb()));
        out.append(String.format(Locale.ROOT, "| RSS peak after the HTTP load (VmHWM) | %.0f MB |%n", server.peakRssAfterHttpMb()));
        out.append(String.format(Locale.ROOT, "| RSS peak at the end, after live (VmHWM) | %.0f MB |%n", server.peakRssAtEndMb()));
        if (report.deletablesCreatedWhileTimed() > 0) {
            out.append(String.format(Locale.ROOT, "| todos created between timed DELETEs (the pool ran dry) | %d |%n",
                    report.deletablesCreatedWhileTimed()));
        }
        return out.toString();
    }

    /** Idle RSS: read every 250 ms with no request going on, until it moves less than 1 MB (at most 10 s). */
    private static double settledRss(Process server) {
        double[] last = {-1};
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> {
                double now = Processes.memoryMb(server, "VmRSS");
                boolean settled = Math.abs(now - last[0]) < 1;
                last[0] = now;
                return settled;
            });
        } catch (ConditionTimeoutException stillMoving) {
            // Reported as last read.
        }
        return last[0];
    }
}
