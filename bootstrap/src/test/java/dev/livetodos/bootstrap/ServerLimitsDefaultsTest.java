package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;

/**
 * The limits a server has when nobody configures any (ConnectionLimitsTest shows each one working,
 * with the deadlines shortened): a silent or half-sent request and a silent WebSocket are closed
 * within a minute, and the caps on live connections are set.
 */
class ServerLimitsDefaultsTest {

    private static final Duration A_MINUTE = Duration.ofSeconds(60);

    private final LivetodosProperties defaults = new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("livetodos", LivetodosProperties.class);

    @Test
    void closesASilentOrHalfSentRequestWithinAMinute() throws IOException {
        Properties application = new Properties();
        try (InputStream in = ServerLimitsDefaultsTest.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        }

        Duration idle = DurationStyle.detectAndParse(application.getProperty("server.netty.idle-timeout", "0s"));

        assertThat(idle).isPositive().isLessThan(A_MINUTE);
        assertThat(defaults.httpReadTimeout()).isPositive().isLessThan(A_MINUTE);
    }

    @Test
    void closesASilentWebSocketWithinAMinuteAndCapsTheOpenOnes() {
        var limits = defaults.websocketLimits();

        assertThat(limits.silenceDeadline()).isLessThan(A_MINUTE);
        assertThat(limits.pingInterval()).isLessThan(defaults.httpReadTimeout());
        assertThat(limits.maxSessions()).isEqualTo(10_000);
        assertThat(limits.maxSessionsPerAddress()).isEqualTo(50);
    }
}
