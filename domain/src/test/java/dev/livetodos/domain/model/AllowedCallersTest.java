package dev.livetodos.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedCallersTest {

    private final AllowedCallers byDefault = AllowedCallers.loopbackAndAddresses();
    private final AllowedCallers configured = new AllowedCallers(
            List.of("todos.example.com", "*.apps.example.org", " "), List.of("https://todos.example.com", "http://10.0.0.5:3000"));

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:8080", "LOCALHOST:8080", "localhost.", "app.localhost:5173",
            "127.0.0.1", "127.0.0.1:8080", "127.1.2.3:80", "[::1]", "[::1]:8080",
            "192.168.1.20:8080", "10.0.0.5", "[fe80::1]:8080", "[2001:db8::7]"})
    void allowsLoopbackNamesAndAddressesByDefault(String host) {
        assertThat(byDefault.allowsHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io",
            "todos.example.com", "", " ", "localhost:", "localhost:99999", "localhost:80a", "local host",
            "user@localhost", "[::1", "[::1]x", "-bad-.example", "a..b"})
    void refusesEveryOtherHostByDefault(String host) {
        assertThat(byDefault.allowsHost(host)).isFalse();
    }

    @Test
    void refusesARequestWithoutHost() {
        assertThat(byDefault.allowsHost(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"todos.example.com", "TODOS.example.com:443", "a.apps.example.org", "b.c.apps.example.org:8443",
            "localhost:8080", "192.168.1.20"})
    void allowsTheConfiguredNamesBesideTheDefaults(String host) {
        assertThat(configured.allowsHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"apps.example.org", "xtodos.example.com", "todos.example.com.evil.example", "evilapps.example.org"})
    void refusesNamesThatOnlyLookLikeTheConfiguredOnes(String host) {
        assertThat(configured.allowsHost(host)).isFalse();
    }

    @Test
    void allowsAConnectionWithoutOrigin() {
        assertThat(byDefault.allowsOrigin(null, "http", "localhost:8080")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "http://localhost:8080, http, localhost:8080",
            "http://192.168.1.20:8080, http, 192.168.1.20:8080",
            "https://todos.example.com, https, todos.example.com:443",
            "http://todos.example.com, http, todos.example.com:80",
            "HTTP://LOCALHOST:8080, http, localhost:8080"})
    void allowsThePagesOfTheServersOwnOrigin(String origin, String scheme, String host) {
        assertThat(configured.allowsOrigin(origin, scheme, host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5173", "http://127.0.0.1:3000", "http://[::1]:8080", "https://app.localhost"})
    void allowsLoopbackPagesWhateverTheirPort(String origin) {
        assertThat(byDefault.allowsOrigin(origin, "http", "localhost:8080")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "https://evil.example, http, localhost:8080",
            "http://evil.example:8080, http, localhost:8080",
            "http://192.168.1.20:8080, http, localhost:8080",
            "http://192.168.1.20:9090, http, 192.168.1.20:8080",
            "https://192.168.1.20:8080, http, 192.168.1.20:8080",
            "null, http, localhost:8080",
            "file://, http, localhost:8080",
            "ftp://localhost, http, localhost:8080",
            "http://localhost:8080/path, http, localhost:8080",
            "http://user@localhost:8080, http, localhost:8080",
            "'', http, localhost:8080",
            "http://evil.example, http, evil.example"})
    void refusesPagesOfAnyOtherSite(String origin, String scheme, String host) {
        assertThat(byDefault.allowsOrigin(origin, scheme, host)).isFalse();
    }

    @Test
    void givenTheRequestsHostIsNotAllowed_thenItsOwnOriginIsNotEither() {
        assertThat(byDefault.allowsOrigin("http://rebound.example:8080", "http", "rebound.example:8080")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "https://todos.example.com, https, abcd123456.execute-api.eu-west-1.amazonaws.com",
            "https://todos.example.com:443, https, abcd123456.execute-api.eu-west-1.amazonaws.com",
            "http://10.0.0.5:3000, http, localhost:8080"})
    void allowsTheConfiguredOriginsFromAnywhere(String origin, String scheme, String host) {
        assertThat(configured.allowsOrigin(origin, scheme, host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://todos.example.com:8443", "http://todos.example.com", "https://x.todos.example.com"})
    void refusesOriginsThatDifferFromTheConfiguredOnesInAnyPart(String origin) {
        assertThat(configured.allowsOrigin(origin, "https", "abcd123456.execute-api.eu-west-1.amazonaws.com")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"todos.example.com", "https://todos.example.com/", "mailto://x"})
    void refusesToConfigureSomethingThatIsNotAnOrigin(String notAnOrigin) {
        assertThatIllegalArgumentException().isThrownBy(() -> new AllowedCallers(List.of(), List.of(notAnOrigin)));
    }
}
