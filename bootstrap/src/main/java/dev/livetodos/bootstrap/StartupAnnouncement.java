package dev.livetodos.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Once the server answers: one line a newcomer can act on, with the URL and where data lives. */
@Component
class StartupAnnouncement implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupAnnouncement.class);

    private final StoreConnection store;

    StartupAnnouncement(StoreConnection store) {
        this.store = store;
    }

    private static boolean isLoopback(String address) {
        return address.equals("localhost") || address.startsWith("127.") || address.equals("::1") || address.equals("[::1]");
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
        if (port != null) {
            String address = event.getApplicationContext().getEnvironment().getProperty("server.address", "");
            String reach = isLoopback(address) ? ""
                    : " (listening on " + (address.isEmpty() ? "every interface" : address) + ": reachable from the network)";
            log.info("livetodos is ready at http://localhost:{}/{} - data: {}", port, reach, store.description());
            String management = event.getApplicationContext().getEnvironment().getProperty("local.management.port");
            if (management != null && !management.equals(port)) {
                log.info("Health and metrics: http://127.0.0.1:{}/actuator/health, /actuator/prometheus (loopback only)", management);
            }
        }
    }
}
