package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetodos.bootstrap.local.LocalIssuerLauncher;
import dev.livetodos.issuer.LocalIssuer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** Local mode's sign-in issuer as the server's main starts it: beside the API, and gone with it. */
class LocalIssuerStartTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ConfigurableApplicationContext start(String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--livetodos.in-memory=true";
        System.arraycopy(more, 0, args, 2, more.length);
        return LivetodosApplication.application().run(args);
    }

    @Test
    void givenLocalMode_thenTheIssuerAnswersBesideTheApiAndTheApiKnowsWhereItIs() throws Exception {
        try (ConfigurableApplicationContext api = start()) {
            String issuer = api.getEnvironment().getRequiredProperty(LocalIssuerLauncher.ISSUER_URI);

            Map<?, ?> discovery = JsonMapper.builder().build().readValue(get(URI.create(issuer + "/.well-known/openid-configuration")).body(), Map.class);

            assertThat(discovery.get("issuer")).isEqualTo(issuer);
            assertThat(api.getEnvironment().getProperty(LocalIssuerLauncher.JWK_SET_URI)).isEqualTo(issuer + "/oauth2/jwks");
            assertThat(api.getEnvironment().getProperty(LocalIssuerLauncher.WEB_CLIENT_ID)).isEqualTo("livetodos-web");
            assertThat(api.getBean(LocalIssuer.class).issuer()).hasToString(issuer);
            String apiPort = api.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> todos = get(URI.create("http://127.0.0.1:" + apiPort + "/api/lists"));
            assertThat(todos.statusCode()).as("the API asks for the issuer's tokens: " + todos.headers().map() + todos.body()).isEqualTo(401);
            assertThat(((org.springframework.boot.web.server.context.WebServerApplicationContext) api).getWebServer().getClass().getSimpleName())
                    .as("the API stays on Netty").contains("Netty");
        }
    }

    @Test
    void givenTheServerStops_thenTheIssuerStopsWithIt() throws Exception {
        ConfigurableApplicationContext api = start();
        LocalIssuer issuer = api.getBean(LocalIssuer.class);
        URI keys = issuer.jwkSetUri();
        assertThat(get(keys).statusCode()).isEqualTo(200);

        api.close();

        assertThat(issuer.context().isActive()).isFalse();
        assertThat(refused(keys)).isTrue();
    }

    @Test
    void givenTheIssuerStops_thenTheServerStopsWithIt() {
        ConfigurableApplicationContext api = start();

        api.getBean(LocalIssuer.class).close();

        assertThat(api.isActive()).isFalse();
    }

    @Test
    void givenAnotherIssuerIsConfigured_thenTheLocalOneDoesNotStart() {
        try (ConfigurableApplicationContext api = start("--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://login.example.com/")) {
            assertThat(api.getBeanProvider(LocalIssuer.class).getIfAvailable()).isNull();
            assertThat(api.getEnvironment().getProperty(LocalIssuerLauncher.ISSUER_URI)).isNull();
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(URI uri) throws InterruptedException {
        try {
            get(uri);
            return false;
        } catch (ConnectException closed) {
            return true;
        } catch (IOException other) {
            return other.getCause() instanceof ConnectException;
        }
    }
}
