package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Local mode as a newcomer meets it: its own store, data kept in a directory across restarts. */
class LocalModeTest {

    @TempDir
    Path dataDir;

    @Test
    void givenTheSameDataDir_thenEveryTodoSurvivesARestart() {
        Map<?, ?> written;
        SignedIn person;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            person = SignedIn.newPerson(first);
            WebTestClient http = person.http();
            written = Json.post(http, person.todos(), "{\"name\":\"Still here tomorrow\"}")
                    .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            Json.put(http, person.todos(), "[{\"id\":\"" + written.get("id") + "\",\"changes\":{\"status\":\"completed\"}}]")
                    .expectStatus().isOk();
        }
        assertThat(dataDir).isNotEmptyDirectory();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            SignedIn again = person.signInAgain(second);
            again.http().get().uri(again.todos()).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.length()").isEqualTo(1)
                    .jsonPath("$[0].id").isEqualTo(written.get("id"))
                    .jsonPath("$[0].status").isEqualTo("completed")
                    .jsonPath("$[0].version").isEqualTo(2);
        }
    }

    @Test
    void givenInMemory_thenNothingIsWrittenToDisk() throws Exception {
        Path unused = dataDir.resolve("unused");

        try (ConfigurableApplicationContext server = start(unused, "--livetodos.in-memory=true")) {
            SignedIn person = SignedIn.newPerson(server);
            Json.post(person.http(), person.todos(), "{\"name\":\"Ephemeral\"}").expectStatus().isCreated();
        }

        assertThat(Files.exists(unused)).isFalse();
    }

    private static ConfigurableApplicationContext start(Path dataDir, String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--livetodos.data-dir=" + dataDir;
        System.arraycopy(more, 0, args, 2, more.length);
        return new SpringApplicationBuilder(LivetodosApplication.class).run(args);
    }
}
