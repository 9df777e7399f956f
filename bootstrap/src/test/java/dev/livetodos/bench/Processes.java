package dev.livetodos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The processes the benchmark measures: livetodos.jar and the raw store, each its own JVM. */
final class Processes {

    /** The kernel's clock ticks per second, the unit of {@code /proc/<pid>/stat}'s times: 100 on Linux unless {@code getconf} says otherwise. */
    private static final long CLOCK_TICKS = clockTicks();

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private Processes() {
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 && answer.matches("\\d+") ? Long.parseLong(answer) : 100;
        } catch (IOException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /**
     * A loopback port nothing listens on, below Linux's ephemeral range (32768 on): a port the
     * system handed out as free could be taken, before the server binds it, by one of the load
     * client's own outgoing connections, which draw from that range (it happened once).
     */
    static int freePort() {
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new UncheckedIOException("no free port below the ephemeral range", last);
    }

    /**
     * The server as the README runs it ({@code target/livetodos/livetodos}, which execs the JVM,
     * so the process is the server's own), in memory, on {@code port}; output goes to {@code log}.
     */
    static Process startServer(Path launcher, int port, Path log) throws IOException {
        // Tokens outlast the whole run, so its one person never has to sign in again midway.
        return start(List.of(launcher.toString(), "--server.port=" + port, "--livetodos.in-memory=true",
                "--livetodos.issuer.access-token-lifetime=2h"), log);
    }

    /** The raw store: {@link RawStore#main} in a JVM of its own, on this JVM's class path. */
    static Process startRawStore(int port, Path log) throws IOException {
        return start(List.of(JAVA, "-cp", System.getProperty("java.class.path"), RawStore.class.getName(),
                Integer.toString(port)), log);
    }

    private static Process start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Polls the page's {@code /config.json} every 10 ms until it names where to sign in (in local
     * mode the issuer comes up just after the API), and returns the time since {@code startedNanos}:
     * from then on a visitor can sign in and use the list.
     */
    static Duration awaitSignInReady(HttpClient http, Process process, String configUrl, long startedNanos, Duration within) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(configUrl)).timeout(Duration.ofSeconds(2)).build();
        pollEvery10ms(within, () -> {
            ensureAlive(process, "answering " + configUrl);
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                return answer.statusCode() == 200 && answer.body().contains("\"issuer\"");
            } catch (IOException notYet) {
                return false;
            }
        });
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Waits until something listens on the port (any HTTP answer will do). */
    static void awaitListening(HttpClient http, Process process, int port, Duration within) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build();
        pollEvery10ms(within, () -> {
            ensureAlive(process, "listening on " + port);
            return answers(http, request, -1);
        });
    }

    private static void pollEvery10ms(Duration within, Callable<Boolean> condition) {
        Awaitility.await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(condition);
    }

    /** True when the request is answered (with this status, or any status for -1); false while nothing listens. */
    private static boolean answers(HttpClient http, HttpRequest request, int status) throws InterruptedException {
        try {
            int answered = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == -1 || answered == status;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void ensureAlive(Process process, String before) {
        if (!process.isAlive()) {
            throw new IllegalStateException("ended with " + process.exitValue() + " before " + before);
        }
    }

    /** A line of {@code /proc/<pid>/status} such as VmRSS or VmHWM, in MB. */
    static double memoryMb(Process process, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + process.pid() + "/status");
    }

    /** Processor time the process has used so far, user and system (fields 14 and 15 of {@code /proc/<pid>/stat}), in seconds. */
    static double cpuSeconds(Process process) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count from after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
    }

    /**
     * Asks the process to stop (SIGTERM: a flight recording set in {@code JAVA_OPTS} is written
     * out on the way), and kills it if it has not within 15 s. Both keep their data in memory
     * only, and the stop is not measured.
     */
    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
