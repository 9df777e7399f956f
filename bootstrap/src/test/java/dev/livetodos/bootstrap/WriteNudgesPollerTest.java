package dev.livetodos.bootstrap;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Locally, a write through the server makes the stream poller read at once: with an idle poll
 * interval of an hour, changes still arrive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"livetodos.in-memory=true", "livetodos.stream-poll-interval=1h"})
class WriteNudgesPollerTest {

    @Autowired
    private Environment environment;

    @Test
    void everyKindOfWriteIsReadFromTheStreamWithoutWaitingForTheIdlePoll() {
        SignedIn person = SignedIn.newPerson(environment);
        WebTestClient http = person.http();
        String id = UUID.randomUUID().toString();
        try (LiveClient client = person.connect()) {

            Json.post(http, person.todos(), "{\"id\":\"" + id + "\",\"name\":\"Nudged\"}").expectStatus().isCreated();
            client.awaitChanges(LiveClient.containsChange("upsert", id, 1), Duration.ofSeconds(10));
            Json.put(http, person.todos(), "[{\"id\":\"" + id + "\",\"changes\":{\"name\":\"Nudged again\"}}]").expectStatus().isOk();
            client.awaitChanges(LiveClient.containsChange("upsert", id, 2), Duration.ofSeconds(10));
            Json.delete(http, person.todos(), "[\"" + id + "\"]").expectStatus().isOk();

            client.awaitChanges(LiveClient.containsChange("delete", id, 3), Duration.ofSeconds(10));
        }
    }
}
