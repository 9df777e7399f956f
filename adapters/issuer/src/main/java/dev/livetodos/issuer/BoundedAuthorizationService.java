package dev.livetodos.issuer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Authorizations (codes waiting for their exchange, issued tokens, device codes waiting for their
 * approval) in memory, at most {@code max} of them: Spring's in-memory service keeps completed
 * ones forever. The oldest go first, and so does any whose tokens have all expired (or which
 * never got one within {@code pendingLifetime}). A restart forgets them all; tokens already issued
 * stay valid, since they are verified with the kept signing key, not looked up here.
 */
final class BoundedAuthorizationService implements OAuth2AuthorizationService {

    private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();
    private final Map<String, Stored> byAge = new LinkedHashMap<>();
    private final int max;
    private final Duration pendingLifetime;
    private final Clock clock;

    BoundedAuthorizationService(int max, Duration pendingLifetime, Clock clock) {
        if (max < 1) {
            throw new IllegalArgumentException("room for at least one authorization is needed");
        }
        this.max = max;
        this.pendingLifetime = pendingLifetime;
        this.clock = clock;
    }

    @Override
    public synchronized void save(OAuth2Authorization authorization) {
        Objects.requireNonNull(authorization, "authorization");
        Stored before = byAge.remove(authorization.getId());
        Instant now = clock.instant();
        byAge.put(authorization.getId(), new Stored(authorization, before == null ? now : before.firstSaved()));
        delegate.save(authorization);
        retire(now);
    }

    @Override
    public synchronized void remove(OAuth2Authorization authorization) {
        byAge.remove(authorization.getId());
        delegate.remove(authorization);
    }

    @Override
    public synchronized OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public synchronized OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }

    /** How many are kept now. */
    synchronized int size() {
        return byAge.size();
    }

    private void retire(Instant now) {
        Iterator<Stored> oldestFirst = byAge.values().iterator();
        int size = byAge.size();
        while (oldestFirst.hasNext()) {
            Stored oldest = oldestFirst.next();
            if (size <= max && !spent(oldest, now)) {
                break;
            }
            oldestFirst.remove();
            delegate.remove(oldest.authorization());
            size--;
        }
    }

    private boolean spent(Stored stored, Instant now) {
        OAuth2Authorization authorization = stored.authorization();
        Instant latest = Stream.of(authorization.getAccessToken(), authorization.getRefreshToken(),
                        authorization.getToken(org.springframework.security.oauth2.core.oidc.OidcIdToken.class),
                        authorization.getToken(org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode.class),
                        authorization.getToken(org.springframework.security.oauth2.core.OAuth2DeviceCode.class))
                .filter(Objects::nonNull)
                .map(OAuth2Authorization.Token::getToken)
                .map(OAuth2Token::getExpiresAt)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(stored.firstSaved().plus(pendingLifetime));
        return latest.isBefore(now);
    }

    private record Stored(OAuth2Authorization authorization, Instant firstSaved) {
    }
}
