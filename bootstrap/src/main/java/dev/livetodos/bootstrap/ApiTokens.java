package dev.livetodos.bootstrap;

import dev.livetodos.bootstrap.local.LocalIssuerLauncher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

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
        return current.decode(token);
    }

    private static ReactiveJwtDecoder make(Environment environment, String requiredScope) {
        String issuer = first(environment, ISSUER_URI, LocalIssuerLauncher.ISSUER_URI);
        String keys = first(environment, JWK_SET_URI, LocalIssuerLauncher.JWK_SET_URI);
        if (issuer == null || keys == null) {
            return null;
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(keys).build();
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
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
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
