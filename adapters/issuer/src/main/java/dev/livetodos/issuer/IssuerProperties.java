package dev.livetodos.issuer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The issuer's settings, under {@code livetodos.issuer.*}. The host sets the first four; the rest
 * have defaults in {@code issuer.properties}.
 *
 * @param url                   the issuer as it names itself in {@code iss} (pinned, never taken from a request)
 * @param tableName             the server's table, where accounts are kept
 * @param pageOrigins           the origins of the page that signs in
 * @param dataDir               where the signing key file is kept; unset in in-memory mode
 * @param accessTokenLifetime   how long an access token (and an ID token) is good for
 * @param deviceCodeLifetime    how long a script's device code and user code wait for someone to approve them
 * @param signInFailuresPerName failed sign-ins for one name within {@code signInWindow} before it is locked
 * @param signInFailuresPerAddress failed sign-ins from one client address (for any names) before it is locked;
 *                              higher, since on a loopback server every person comes from 127.0.0.1
 * @param signInWindow          the window failures are counted in, and how long a lock lasts at most
 * @param maxAuthorizations     authorizations (codes, issued tokens, device codes) kept in memory at most
 * @param maxSessions           sign-in sessions kept in memory at most; the oldest goes first
 */
@ConfigurationProperties("livetodos.issuer")
record IssuerProperties(
        URI url,
        String tableName,
        List<URI> pageOrigins,
        Path dataDir,
        @DefaultValue("10m") Duration accessTokenLifetime,
        @DefaultValue("10m") Duration deviceCodeLifetime,
        @DefaultValue("5") int signInFailuresPerName,
        @DefaultValue("20") int signInFailuresPerAddress,
        @DefaultValue("15m") Duration signInWindow,
        @DefaultValue("10000") int maxAuthorizations,
        @DefaultValue("10000") int maxSessions) {

    IssuerProperties {
        if (url == null || tableName == null || tableName.isBlank() || pageOrigins == null || pageOrigins.isEmpty()) {
            throw new IllegalArgumentException("the local issuer needs its url, the table name and the page's origins");
        }
        pageOrigins = List.copyOf(pageOrigins);
    }
}
