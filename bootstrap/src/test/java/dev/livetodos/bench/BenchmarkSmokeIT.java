package dev.livetodos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark, run briefly on every build so it never rots: every row is there, nothing
 * failed or went missing, and the figures are written. It judges no figure.
 */
class BenchmarkSmokeIT {

    private static final List<Integer> TODOS = List.of(10, 100);
    private static final List<Integer> CONCURRENCIES = List.of(10, 50);
    private static final List<Integer> SUBSCRIBERS = List.of(1, 10);

    @Test
    void everyScenarioRunsWithoutErrorsAndTheFiguresAreWritten() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        Settings smoke = new Settings(Path.of(System.getProperty("livetodos.launcher", "target/livetodos/livetodos")), out,
                Duration.ofMillis(250), Duration.ofMillis(100), TODOS, CONCURRENCIES, CONCURRENCIES, SUBSCRIBERS, 20, 1, 50);

        Benchmark.Report report = Benchmark.run(smoke);

        assertThat(report.http()).extracting(row -> row.scenario() + " c" + row.concurrency()).containsExactly(
                "GET 10 todos c10", "GET 10 todos c50", "GET 10 todos, unchanged (304) c10", "GET 10 todos, unchanged (304) c50",
                "GET 100 todos c10", "GET 100 todos c50", "GET 100 todos, unchanged (304) c10", "GET 100 todos, unchanged (304) c50",
                "POST create c10", "PUT one update c10", "PUT 25 updates c10", "DELETE one id c10",
                "POST create c50", "PUT one update c50", "PUT 25 updates c50", "DELETE one id c50");
        assertThat(report.http()).allSatisfy(row -> {
            assertThat(row.api().requests()).as("%s API requests", row.scenario()).isPositive();
            assertThat(row.raw().requests()).as("%s raw requests", row.scenario()).isPositive();
            assertThat(row.api().errors()).as("%s API errors", row.scenario()).isZero();
            assertThat(row.raw().errors()).as("%s raw errors", row.scenario()).isZero();
        });
        assertThat(report.resume()).isNotNull().satisfies(resume -> {
            assertThat(resume.items()).isEqualTo(50);
            assertThat(resume.feedBytes()).isPositive().isLessThan(resume.fullBytes());
        });
        assertThat(report.live()).extracting(Live.Result::subscribers).containsExactlyElementsOf(SUBSCRIBERS);
        assertThat(report.live()).allSatisfy(live -> {
            assertThat(live.failure()).as("live with %d subscribers", live.subscribers()).isNull();
            assertThat(live.missing()).as("missing deliveries, %d subscribers", live.subscribers()).isZero();
            assertThat(live.deliveries()).isEqualTo((long) live.subscribers() * live.writes());
            assertThat(live.cpu().clientCores()).as("the client's processor time, %d subscribers", live.subscribers()).isPositive();
            assertThat(live.cpu().serverCores()).as("the server's processor time, %d subscribers", live.subscribers()).isPositive();
            assertThat(live.server().fanOut().count()).as("stream batches published, %d subscribers", live.subscribers())
                    .isBetween(1L, (long) live.writes());
            assertThat(live.server().outboxWait().count()).as("frames taken from the buffers, %d subscribers", live.subscribers())
                    .isGreaterThanOrEqualTo(live.server().fanOut().count());
        });
        assertThat(report.server().startupSeconds()).hasSize(1);
        assertThat(report.server().idleRssMb()).isPositive();
        assertThat(report.server().peakRssAfterHttpMb()).isGreaterThanOrEqualTo(report.server().idleRssMb());
        assertThat(out.resolve("benchmark.json")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("benchmark.md"))).contains("| DELETE one id | 50 |");
    }
}
