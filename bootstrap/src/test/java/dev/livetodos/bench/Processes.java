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
import java.util.concurrent.TimeUnit;

/** The processes the benchmark measures: livetodos.jar and the raw store, each its own JVM. */
final class Processes {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private Processes() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java -jar livetodos.jar}, in memory, on {@code port}; output goes to {@code log}. */
    static Process startServer(Path jar, int port, Path log) throws IOException {
        return start(List.of(JAVA, "-jar", jar.toString(), "--server.port=" + port, "--livetodos.in-memory=true"), log);
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
     * Polls {@code url} every 10 ms until it answers 200, and returns the time since
     * {@code startedNanos}.
     */
    static Duration awaitOk(HttpClient http, Process process, String url, long startedNanos, Duration within)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        long deadline = startedNanos + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("ended with " + process.exitValue() + " before answering " + url);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + within);
    }

    /** Waits until something listens on the port (any HTTP answer will do). */
    static void awaitListening(HttpClient http, Process process, int port, Duration within) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("ended with " + process.exitValue() + " before listening on " + port);
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("nothing listening on " + port + " within " + within);
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

    /** Kills it outright: both keep their data in memory only, and a graceful stop is not measured. */
    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
