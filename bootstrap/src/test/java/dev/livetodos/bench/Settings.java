package dev.livetodos.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** How long and how hard the benchmark runs; the full run by default, a smoke run in verify. */
record Settings(Path server, Path outDir, Duration scenario, Duration warmUp, List<Integer> todoCounts,
                List<Integer> concurrencies, List<Integer> writeConcurrencies, List<Integer> subscriberCounts, int liveWrites, int starts,
                int resumeChanges) {

    /**
     * Read from {@code bench.*} system properties, each with the full run's value as default;
     * {@code bench.write-concurrency} defaults to {@code bench.concurrency}.
     */
    static Settings fromSystemProperties() {
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "15"));
        return new Settings(
                Path.of(System.getProperty("bench.server", "target/livetodos/livetodos")),
                Path.of(System.getProperty("bench.out", "target/bench")),
                Duration.ofMillis((long) (seconds * 1000)),
                Duration.ofMillis((long) (Double.parseDouble(System.getProperty("bench.warmup-seconds",
                        Double.toString(Math.min(5, seconds / 3)))) * 1000)),
                ints(System.getProperty("bench.todos", "100,1000,10000")),
                ints(System.getProperty("bench.concurrency", "10,50")),
                ints(System.getProperty("bench.write-concurrency", System.getProperty("bench.concurrency", "10,50"))),
                ints(System.getProperty("bench.subscribers", "1,100,1000")),
                Integer.getInteger("bench.writes", 200),
                Integer.getInteger("bench.starts", 5),
                // Changes a client misses before it resumes from its cursor (0: no resume scenario).
                Integer.getInteger("bench.resume-changes", 1_000));
    }

    /** A comma-separated list; an empty one leaves those scenarios out. */
    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(each -> !each.isEmpty()).map(Integer::valueOf).toList();
    }
}
