package dev.livetodos.domain.model;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may reach the server, as far as a browser tells: the name it was asked for (the
 * {@code Host} of a request) and the site of the page that opens a live connection (its
 * {@code Origin}). Without this rule a page on any site the person opens could read their live
 * changes, and a name an attacker points at the person's own machine (DNS rebinding) could reach
 * the API.
 *
 * <p>Allowed hosts: {@code localhost} and names under {@code .localhost}, IP addresses written
 * as such (such a name cannot be rebound; a phone on the same network uses one), and the names
 * configured ({@code *.example.com} allows the names under {@code example.com}).
 *
 * <p>Allowed origins: none at all (not a page in a browser), the server's own origin (the same
 * scheme, host and port the request was made to), loopback origins, and the origins configured.
 * A page that is not from a site ({@code null}, {@code file:}) is refused.
 */
public final class AllowedCallers {

    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*]");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final List<String> hosts;
    private final List<Origin> origins;

    /**
     * @param hosts   host names allowed beside the loopback names and IP addresses; {@code *.example.com}
     *                allows every name under {@code example.com}
     * @param origins origins allowed beside the server's own and loopback ones, such as {@code https://todos.example.com}
     */
    public AllowedCallers(Collection<String> hosts, Collection<String> origins) {
        this.hosts = hosts.stream().map(Objects::requireNonNull).map(String::trim).filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(Locale.ROOT)).toList();
        this.origins = origins.stream().map(Objects::requireNonNull).map(String::trim).filter(origin -> !origin.isEmpty())
                .map(origin -> Origin.parse(origin).orElseThrow(() -> new IllegalArgumentException(
                        "not an origin (scheme://host[:port]): " + origin)))
                .toList();
    }

    /** Only the loopback names and IP addresses. */
    public static AllowedCallers loopbackAndAddresses() {
        return new AllowedCallers(List.of(), List.of());
    }

    /** Whether a request whose {@code Host} header says this may be answered. No host is not allowed. */
    public boolean allowsHost(String hostHeader) {
        return Authority.parse(hostHeader).filter(this::allowed).isPresent();
    }

    /**
     * Whether a page from this origin may open a live connection to the server at
     * {@code scheme://hostHeader}. No origin is allowed: it is not a page in a browser.
     */
    public boolean allowsOrigin(String origin, String scheme, String hostHeader) {
        if (origin == null) {
            return true;
        }
        Optional<Origin> page = Origin.parse(origin);
        if (page.isEmpty()) {
            return false;
        }
        if (page.get().authority().isLoopback() || origins.contains(page.get())) {
            return true;
        }
        Optional<Origin> own = Authority.parse(hostHeader).filter(this::allowed)
                .flatMap(authority -> Origin.of(scheme, authority));
        return own.isPresent() && own.get().equals(page.get());
    }

    private boolean allowed(Authority authority) {
        return authority.isLoopback() || authority.isAddress() || hosts.stream().anyMatch(authority::matches);
    }

    /** A host and port as a {@code Host} header or an origin carries them; the port is -1 when absent. */
    private record Authority(String host, int port) {

        static Optional<Authority> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String value = text.toLowerCase(Locale.ROOT);
            String host = value;
            String port = null;
            int colon = value.lastIndexOf(':');
            if (value.startsWith("[")) {
                int end = value.indexOf(']');
                if (end < 0) {
                    return Optional.empty();
                }
                host = value.substring(0, end + 1);
                String rest = value.substring(end + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        return Optional.empty();
                    }
                    port = rest.substring(1);
                }
            } else if (colon >= 0) {
                host = value.substring(0, colon);
                port = value.substring(colon + 1);
            }
            if (host.endsWith(".") && !host.startsWith("[")) {
                host = host.substring(0, host.length() - 1); // "localhost." names the same as "localhost"
            }
            if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535)) {
                return Optional.empty();
            }
            if (!IPV6.matcher(host).matches() && !NAME.matcher(host).matches()) {
                return Optional.empty();
            }
            return Optional.of(new Authority(host, port == null ? -1 : Integer.parseInt(port)));
        }

        boolean isAddress() {
            return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
        }

        boolean isLoopback() {
            return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")
                    || (IPV4.matcher(host).matches() && host.startsWith("127."));
        }

        boolean matches(String allowed) {
            return allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed);
        }
    }

    /** A page's site: scheme, host and port (the scheme's default port when none is written). */
    private record Origin(String scheme, Authority authority) {

        static Optional<Origin> parse(String text) {
            int separator = text.indexOf("://");
            if (separator < 0) {
                return Optional.empty();
            }
            String rest = text.substring(separator + 3);
            if (rest.contains("/") || rest.contains("@") || rest.contains("?") || rest.contains("#")) {
                return Optional.empty();
            }
            return Authority.parse(rest).flatMap(authority -> of(text.substring(0, separator), authority));
        }

        static Optional<Origin> of(String scheme, Authority authority) {
            String lower = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
            int defaultPort = switch (lower) {
                case "http" -> 80;
                case "https" -> 443;
                default -> -1;
            };
            if (defaultPort < 0) {
                return Optional.empty();
            }
            int port = authority.port() < 0 ? defaultPort : authority.port();
            return Optional.of(new Origin(lower, new Authority(authority.host(), port)));
        }
    }
}
