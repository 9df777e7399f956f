package dev.livetodos.issuer;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host (the local server) tells its issuer when it starts it.
 *
 * @param address     the interface the issuer listens on, loopback by default like the API
 * @param port        its port; 0 picks a free one (tests)
 * @param dataDir     where the signing key is kept (the store's own data directory); empty in
 *                    in-memory mode, where a key made at start dies with the process, like the data
 * @param tableName   the server's table, where accounts are kept beside the todos
 * @param pageOrigins where the page signing in is served (the API's origins): redirect targets and
 *                    the only sites allowed to call the token endpoint from a browser
 * @param properties  further {@code livetodos.issuer.*} settings the host was given (limits, lifetimes)
 */
public record LocalIssuerSettings(String address, int port, Optional<Path> dataDir, String tableName,
                                  List<URI> pageOrigins, Map<String, Object> properties) {

    public LocalIssuerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(tableName, "tableName");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        if (pageOrigins.isEmpty()) {
            throw new IllegalArgumentException("the issuer needs the origin of at least one page that signs in");
        }
        pageOrigins = List.copyOf(pageOrigins);
        properties = Map.copyOf(properties);
    }
}
