package dev.livetodos.bootstrap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the tokens whose signature has been checked, so a browser's next request with the
 * same token is not checked again (an RSA signature check per request, the largest share of an
 * API call's own work in the profile). Only tokens the decoder accepted are kept, exactly as
 * sent, at most {@link #MAX_TOKENS} of them and each at most {@link #KEPT_FOR}: as long as the
 * decoder itself keeps the issuer's keys, so a key the issuer withdrew stops counting no later than
 * it would without this. A remembered token is validated again on every use (expiry, issuer,
 * audience, scope: no cryptography), so it is refused from the moment it expires, as before.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    /** How many verified tokens are kept; the least recently used goes first. */
    static final int MAX_TOKENS = 10_000;
    /** How long a verified token is kept, at most: Nimbus's own cache of the issuer's keys lasts 5 minutes. */
    static final Duration KEPT_FOR = Duration.ofMinutes(5);

    private final ReactiveJwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS).expireAfterWrite(KEPT_FOR).build();

    VerifiedTokens(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            return Mono.error(new JwtValidationException("The token is no longer valid", result.getErrors()));
        }
        return Mono.just(known);
    }
}
