package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With no identity yet, the local server listens on the loopback interface only, unless told
 * otherwise. Read from the kernel's socket table, so nothing is sent to another address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livetodos.in-memory=true")
class LoopbackByDefaultTest {

    /** 127.0.0.1, ::ffff:127.0.0.1 and ::1 as the kernel's tables write them (hex, 32-bit words little-endian). */
    static final List<String> LOOPBACK = List.of("0100007F", "0000000000000000FFFF00000100007F",
            "00000000000000000000000001000000");
    private static final String LISTEN = "0A";

    @Value("${local.server.port}")
    private int port;

    @Test
    void theServerListensOnLoopbackOnly() throws IOException {
        List<String> listening = listeningAddresses(port);

        assertThat(listening).as("addresses listening on port %d", port).isNotEmpty().isSubsetOf(LOOPBACK);
    }

    /** The local addresses (hex, as the kernel writes them) of sockets listening on the port, IPv4 and IPv6. */
    static List<String> listeningAddresses(int port) throws IOException {
        return Stream.concat(listeners(Path.of("/proc/net/tcp"), port), listeners(Path.of("/proc/net/tcp6"), port)).toList();
    }

    private static Stream<String> listeners(Path table, int port) throws IOException {
        if (!Files.exists(table)) {
            return Stream.empty();
        }
        String portHex = String.format(Locale.ROOT, "%04X", port);
        return Files.readAllLines(table).stream().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields[3].equals(LISTEN) && fields[1].endsWith(":" + portHex))
                .map(fields -> fields[1].substring(0, fields[1].indexOf(':')));
    }
}
