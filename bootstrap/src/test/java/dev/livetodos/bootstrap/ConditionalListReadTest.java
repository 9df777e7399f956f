package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A list read is conditional on its {@code ETag} (the list's {@code seq}), against the real
 * server and store: unchanged, 304 and no body; after any write, the whole list and a new tag; to
 * someone not on the list, 404 whatever the tag, so the tag tells a stranger nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "livetodos.in-memory=true")
class ConditionalListReadTest {

    @Autowired
    private Environment environment;

    @Test
    void anUnchangedListIsAnswered304AndAChangedOneWhole() {
        SignedIn person = SignedIn.newPerson(environment);
        person.createTodo(person.listId(), UUID.randomUUID().toString(), "Milk");

        EntityExchangeResult<byte[]> first = read(person.http(), person.todos(), null).expectStatus().isOk().expectBody().returnResult();
        String tag = first.getResponseHeaders().getETag();
        assertThat(tag).matches("\"[0-9]+\"");

        read(person.http(), person.todos(), tag).expectStatus().isNotModified()
                .expectHeader().valueEquals("ETag", tag)
                .expectHeader().exists("Livetodos-Cursor")
                .expectBody().isEmpty();
        // Weak comparison, a list of tags, the wildcard: as RFC 9110 says for If-None-Match.
        read(person.http(), person.todos(), "W/" + tag).expectStatus().isNotModified();
        read(person.http(), person.todos(), "\"0\", " + tag).expectStatus().isNotModified();
        read(person.http(), person.todos(), "*").expectStatus().isNotModified();

        person.createTodo(person.listId(), UUID.randomUUID().toString(), "Bread");

        EntityExchangeResult<byte[]> changed = read(person.http(), person.todos(), tag).expectStatus().isOk().expectBody().returnResult();
        assertThat(changed.getResponseHeaders().getETag()).isNotEqualTo(tag);
        assertThat(new String(changed.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8)).contains("Milk", "Bread");
    }

    @Test
    void givenATagThatNamesNothing_thenTheWholeListIsSent() {
        SignedIn person = SignedIn.newPerson(environment);

        read(person.http(), person.todos(), "not a tag").expectStatus().isOk();
        read(person.http(), person.todos(), "\"999999\"").expectStatus().isOk();
    }

    @Test
    void givenSomeoneNotOnTheList_thenItIsNotFoundWhateverTheTag() {
        SignedIn owner = SignedIn.newPerson(environment);
        owner.createTodo(owner.listId(), UUID.randomUUID().toString(), "Private");
        String tag = read(owner.http(), owner.todos(), null).expectStatus().isOk().expectBody().returnResult()
                .getResponseHeaders().getETag();
        SignedIn stranger = SignedIn.newPerson(environment);

        read(stranger.http(), owner.todos(), tag).expectStatus().isNotFound();
        read(stranger.http(), owner.todos(), "*").expectStatus().isNotFound();
        read(WebTestClient.bindToServer().baseUrl("http://localhost:" + environment.getProperty("local.server.port")).build(),
                owner.todos(), tag).expectStatus().isUnauthorized();
    }

    private static WebTestClient.ResponseSpec read(WebTestClient http, String todos, String ifNoneMatch) {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri(todos);
        if (ifNoneMatch != null) {
            request = request.header("If-None-Match", ifNoneMatch);
        }
        return request.exchange();
    }
}
