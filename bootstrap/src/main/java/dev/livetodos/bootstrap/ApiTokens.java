package dev.livetodos.bootstrap;

import dev.livetodos.bootstrap.local.LocalIssuerLauncher;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * Checks the API's bearer tokens: signature against the issuer's keys (JWKS), issuer, expiry,
 * the audience where the issuer sets one, and a required scope where the issuer carries the API's
 * right in a scope instead (Cognito's access tokens have no {@code aud}).
 *
 * <p>Which issuer: the standard Spring properties when set
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code .jwk-set-uri},
 * {@code .audiences}), otherwise the local issuer, which publishes its own once it runs. The
 * local issuer starts after the API's context, so the decoder is made at the first token it sees,
 * not at start; until an issuer is known every token is refused.
 */
final class ApiTokens implements ReactiveJwtDecoder {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";

    /** How long fetching the issuer's keys may take (connecting, then the answer). */
    static final Duration KEY_FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration KEY_FETCH_IDLE = Duration.ofSeconds(20);

    private final Supplier<ReactiveJwtDecoder> decoder;
    private volatile ReactiveJwtDecoder made;

    ApiTokens(Environment environment, String requiredScope) {
        this.decoder = () -> make(environment, requiredScope);
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        ReactiveJwtDecoder current = made;
        if (current == null) {
            synchronized (this) {
                current = made;
                if (current == null) {
                    current = decoder.get();
                    if (current == null) {
                        return Mono.error(new JwtException("no issuer is known yet"));
                    }
                    made = current;
                }
            }
        }
        return current.decode(token).retryWhen(Retry.max(1).filter(ApiTokens::isKeyFetchFailure)
                .onRetryExhaustedThrow((retry, signal) -> signal.failure()));
    }

    private static ReactiveJwtDecoder make(Environment environment, String requiredScope) {
        String issuer = first(environment, ISSUER_URI, LocalIssuerLauncher.ISSUER_URI);
        String keys = first(environment, JWK_SET_URI, LocalIssuerLauncher.JWK_SET_URI);
        if (issuer == null || keys == null) {
            return null;
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(keys).webClient(keyClient()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        String audiences = first(environment, AUDIENCES, LocalIssuerLauncher.AUDIENCE);
        if (audiences != null) {
            List<String> allowed = List.of(StringUtils.commaDelimitedListToStringArray(audiences));
            validators.add(new JwtClaimValidator<Collection<String>>("aud",
                    aud -> aud != null && aud.stream().anyMatch(allowed::contains)));
        }
        if (StringUtils.hasText(requiredScope)) {
            validators.add(new JwtClaimValidator<String>("scope",
                    scope -> scope != null && List.of(scope.split(" ")).contains(requiredScope)));
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator);
    }

    /**
     * How the issuer's keys are fetched: on connections of their own, with a deadline. Without one
     * a key fetch that never answers (a connection the issuer dropped unseen, a network fault)
     * would hold every request that waits for the keys, for ever.
     */
    private static WebClient keyClient() {
        ConnectionProvider connections = ConnectionProvider.builder("livetodos-issuer-keys")
                .maxConnections(4).maxIdleTime(KEY_FETCH_IDLE).build();
        HttpClient http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) KEY_FETCH_TIMEOUT.toMillis())
                .responseTimeout(KEY_FETCH_TIMEOUT);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** A failure to fetch the issuer's keys (not a bad token): worth one more try on a fresh connection. */
    static boolean isKeyFetchFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String first(Environment environment, String... names) {
        for (String name : names) {
            String value = environment.getProperty(name);
            if (StringUtils.hasText(value)) {
                return value;
            }
        }
        return null;
    }
}
