package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping the local server (Ctrl+C) while browsers are connected. */
class ShutdownTest {

    @Test
    void givenOpenWebSockets_whenTheServerStops_thenTheyAreToldAndItDoesNotWaitForThem() {
        // A shutdown phase that waits for open connections would now wait ten minutes.
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LivetodosApplication.class)
                .properties("livetodos.in-memory=true", "server.port=0", "spring.lifecycle.timeout-per-shutdown-phase=10m")
                .run();
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        LiveClient first = LiveClient.connect(port);
        LiveClient second = LiveClient.connect(port);

        assertTimeoutPreemptively(Duration.ofMinutes(1), app::close);

        assertThat(first.closeCode()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(1001);
        assertThat(second.closeCode()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(1001);
    }
}
