package dev.livetodos.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A new person signed up on the server's own local issuer and signed in as the page does it
 * ({@link LocalSignIn}): what the tests of the API and the live connection call it with. Their
 * access token lasts the issuer's ten minutes, longer than any test class runs.
 */
public final class SignedIn {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String name;
    private final String token;
    private final String tokenHeader;
    private volatile String myList;

    private SignedIn(int port, String name, String token) {
        this(port, name, token, HttpHeaders.AUTHORIZATION);
    }

    private SignedIn(int port, String name, String token, String tokenHeader) {
        this.port = port;
        this.name = name;
        this.token = token;
        this.tokenHeader = tokenHeader;
    }

    /** The same person, sending the token in another header (as CloudFront hands it to the HTTP function). */
    SignedIn inHeader(String header) {
        return new SignedIn(port, name, token, header);
    }

    /** A new person on the server running in this JVM. */
    static SignedIn newPerson(ConfigurableApplicationContext server) {
        return newPerson(server.getEnvironment());
    }

    /** A new person on the server running in this JVM, known by its environment. */
    static SignedIn newPerson(Environment server) {
        int port = server.getRequiredProperty("local.server.port", Integer.class);
        return newPerson(port, LocalSignIn.at(server, port));
    }

    /** A new person signing up and in with {@code browser}, for the server on {@code port}. */
    static SignedIn newPerson(int port, LocalSignIn browser) {
        String name = LocalSignIn.aName();
        browser.signUp(name);
        return new SignedIn(port, name, browser.codeFlow(name).get("access_token").asString());
    }

    /** The same person signing in again to a server in another process (restarted, on another port). */
    SignedIn signInAgain(int otherPort) {
        return new SignedIn(otherPort, name, LocalSignIn.forPage(URI.create("http://localhost:" + otherPort))
                .codeFlow(name).get("access_token").asString());
    }

    /** The same person signing in (with name and password) to another server, or the same one restarted. */
    SignedIn signInAgain(ConfigurableApplicationContext server) {
        int port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return new SignedIn(port, name, LocalSignIn.at(server.getEnvironment(), port).codeFlow(name).get("access_token").asString());
    }

    /** A new person on a server in another process, found the way the page finds its issuer: {@code /config.json}. */
    public static SignedIn newPerson(int port) {
        return newPerson(port, LocalSignIn.forPage(URI.create("http://localhost:" + port)));
    }

    public String token() {
        return token;
    }

    /** The {@code Authorization} header's value. */
    public String authorization() {
        return "Bearer " + token;
    }

    /** The person's own list, "My todos", which their first {@code GET /api/lists} makes. */
    public String listId() {
        String id = myList;
        if (id == null) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/lists"))
                    .header(tokenHeader, authorization()).GET());
            if (answer.statusCode() != 200) {
                throw new AssertionError("no lists: " + answer.statusCode() + " " + answer.body());
            }
            for (JsonNode list : JSON.readTree(answer.body())) {
                if ("My todos".equals(list.path("name").asString()) && "owner".equals(list.path("role").asString())) {
                    id = list.path("id").asString();
                }
            }
            if (id == null) {
                throw new AssertionError("no \"My todos\" among " + answer.body());
            }
            myList = id;
        }
        return id;
    }

    /** Looks the person's own list up again (after it was lost with the whole table, say): its id. */
    String freshListId() {
        myList = null;
        return listId();
    }

    /** Where the todos of the person's own list are. */
    public String todos() {
        return "/api/lists/" + listId() + "/todos";
    }

    /** Where the todos of the list {@code listId} are. */
    static String todosOf(String listId) {
        return "/api/lists/" + listId + "/todos";
    }

    /** An HTTP client of the server that sends the person's token with every request. */
    WebTestClient http() {
        return httpBuilder().build();
    }

    WebTestClient.Builder httpBuilder() {
        return OpenApiContract.client(port)
                .defaultHeader(tokenHeader, authorization());
    }

    /** A fresh single-use ticket from {@code POST /api/live/tickets}. */
    public String ticket() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/live/tickets"))
                .header(tokenHeader, authorization())
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (answer.statusCode() != 201) {
            throw new AssertionError("no ticket: " + answer.statusCode() + " " + answer.body());
        }
        JsonNode ticket = JSON.readTree(answer.body());
        return ticket.path("ticket").asString();
    }

    /** Where the person's live connection opens: {@code /ws} with a fresh ticket. */
    public URI live() {
        return URI.create("ws://localhost:" + port + "/ws?ticket=" + ticket());
    }

    /** The person's live connection, opened with a fresh ticket. */
    LiveClient connect() {
        return LiveClient.connect(live());
    }

    /** The person's live connection, once it answers a ping: from then on it hears every change it may see. */
    LiveClient connectedLive() {
        LiveClient client = connect();
        client.send("{\"type\":\"ping\"}");
        client.awaitFrame(LiveClient.PONG::equals, Duration.ofSeconds(30));
        return client;
    }

    /** Creates a todo of this name on the list, under the given id, as this person; gives the id. */
    String createTodo(String list, String id, String name) {
        Json.post(http(), todosOf(list), "{\"id\":\"" + id + "\",\"name\":" + Json.quote(name) + "}").expectStatus().isCreated();
        return id;
    }

    /** Sends the request; an answer the API's document does not allow fails ({@link OpenApiContract}). */
    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(sent, HttpResponse.BodyHandlers.ofString());
            OpenApiContract.API.check(new OpenApiContract.Exchange(sent.method(), sent.uri().getRawPath(), answer.statusCode(),
                    name -> answer.headers().allValues(name), answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
