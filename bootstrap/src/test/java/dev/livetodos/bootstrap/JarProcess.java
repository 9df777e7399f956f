package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The runnable {@code livetodos.jar} in a process of its own, as a user starts it: on a free
 * port, waited for until it prints that it is ready, its output kept for failure messages.
 */
final class JarProcess {

    static final Path JAR = Path.of(System.getProperty("livetodos.jar", "target/livetodos.jar"));

    private final Process process;
    private final int port;
    private final StringBuffer output;

    private JarProcess(Process process, int port, StringBuffer output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts the jar with these server arguments and waits until it is ready (or fails the test). */
    static JarProcess start(Duration within, String... arguments) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                // The issuer on a free port too: the API's plus one need not be free.
                "-jar", JAR.toString(), "--server.port=" + port, "--livetodos.issuer.port=0"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (line.contains("livetodos is ready at http://localhost:" + port + "/")) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new AssertionError("livetodos.jar ended before it was ready:\n" + output));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "livetodos.jar output");
        reader.setDaemon(true);
        reader.start();
        assertThat(ready).as(() -> "livetodos.jar ready within " + within + "; its output:\n" + output).succeedsWithin(within);
        return new JarProcess(process, port, output);
    }

    Process process() {
        return process;
    }

    int port() {
        return port;
    }

    /** Everything the process printed so far. */
    String output() {
        return output.toString();
    }
}
