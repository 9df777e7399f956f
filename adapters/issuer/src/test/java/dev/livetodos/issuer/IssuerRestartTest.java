package dev.livetodos.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;

/** What an issuer keeps across a restart, and what of it lives in one start only. */
class IssuerRestartTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dataDir;

    @Test
    void givenTheSameDataDir_thenTokensFromBeforeARestartVerifyAfterItUnderTheSameKeyId() throws Exception {
        try (LocalDynamoDb store = LocalDynamoDb.start()) {
            String token;
            String keyId;
            try (LocalIssuer first = IssuerClient.start(store, dataDir, Map.of())) {
                IssuerClient client = new IssuerClient(first.issuer());
                client.signUp(new Browser(), "Ada", PASSWORD);
                token = client.codeFlow(new Browser(), "Ada", PASSWORD).get("access_token").asString();
                keyId = keyId(client);
            }
            Path keyFile = dataDir.resolve(SigningKey.FILE_NAME);
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

            try (LocalIssuer second = IssuerClient.start(store, dataDir, Map.of())) {
                IssuerClient client = new IssuerClient(second.issuer());
                // A new port here (both pick a free one), so the pinned issuer differs: check the
                // signature with the new keys and the claims by hand.
                Jwt verified = org.springframework.security.oauth2.jwt.NimbusJwtDecoder
                        .withJwkSetUri(client.at("/oauth2/jwks").toString()).build().decode(token);

                assertThat(verified.getClaimAsString("name")).isEqualTo("Ada");
                assertThat(keyId(client)).isEqualTo(keyId);
                assertThat(client.codeFlow(new Browser(), "Ada", PASSWORD).has("access_token"))
                        .as("the account is kept in the table").isTrue();
            }
        }
    }

    @Test
    void givenNoDataDir_thenEachStartHasAKeyOfItsOwnAndNothingIsWritten() throws Exception {
        try (LocalDynamoDb store = LocalDynamoDb.start()) {
            String first;
            try (LocalIssuer issuer = IssuerClient.start(store, null, Map.of())) {
                first = keyId(new IssuerClient(issuer.issuer()));
            }
            try (LocalIssuer issuer = IssuerClient.start(store, null, Map.of())) {
                assertThat(keyId(new IssuerClient(issuer.issuer()))).isNotEqualTo(first);
            }
        }
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void givenFailuresFromOneAddressForManyNames_thenThatAddressIsLocked() throws Exception {
        try (LocalDynamoDb store = LocalDynamoDb.start();
             LocalIssuer issuer = IssuerClient.start(store, null, Map.of("livetodos.issuer.sign-in-failures-per-address", "3"))) {
            IssuerClient client = new IssuerClient(issuer.issuer());
            client.signUp(new Browser(), "Grace", PASSWORD);
            for (String name : new String[] {"a", "b", "c"}) {
                assertThat(client.signIn(new Browser(), name, PASSWORD).statusCode()).isEqualTo(401);
            }

            HttpResponse<String> locked = client.signIn(new Browser(), "Grace", PASSWORD);

            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.headers().firstValue("Retry-After")).isPresent();
            assertThat(Jsoup.parse(locked.body()).select("[role=alert]").text()).contains("Too many failed sign-ins");
        }
    }

    private static String keyId(IssuerClient client) {
        HttpResponse<String> keys = new Browser().send(HttpRequest.newBuilder(client.at("/oauth2/jwks")));
        JsonNode set = client.json(keys);
        return set.get("keys").get(0).get("kid").asString();
    }
}
