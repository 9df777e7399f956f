package dev.livetodos.bootstrap;

import dev.livetodos.adapter.in.websocket.WebSocketLimits;
import dev.livetodos.domain.model.AllowedCallers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code livetodos.*}. Without a {@code table-name} the server runs in local
 * mode with an embedded DynamoDB; with one it uses that table on AWS (or at {@code dynamodb-endpoint}).
 *
 * @param tableName        the todo table on AWS; blank means local mode
 * @param region           the AWS region; blank means the SDK's default region chain
 * @param dynamodbEndpoint a DynamoDB endpoint other than AWS's own, such as a DynamoDB Local you run
 * @param dataDir          local mode: where the embedded store keeps its data
 * @param inMemory         local mode: keep data in memory only, gone when the server stops
 * @param storeTimeout     how long one call to the store may take, retries included, before the API answers 503
 * @param tombstoneRetention how long a deleted todo's tombstone (its id and last version) is kept, so a
 *                           todo created again under that id continues its versions; DynamoDB's time to
 *                           live removes it afterwards (within a few days of expiring, on AWS)
 * @param streamPollInterval local mode: how often an idle stream shard is asked for new records (writes
 *                           through this server are read at once, whatever this says)
 * @param publishConcurrency how many subscribers a batch of changes is sent to at the same time
 * @param publishMaxFailedAttempts attempts in a row a subscriber may fail the same change before its
 *                           connection is closed (it reconnects and refetches) so the stream moves on
 * @param websocketBufferFrames local mode: frames a WebSocket client may fall behind before it is cut off
 * @param websocketWriteTimeout local mode: a connection nothing could be written to for this long is dropped
 * @param connectionsTable on AWS: the table of open WebSocket connections; set it to turn live changes on
 * @param websocketEndpoint on AWS: the WebSocket API's connection management endpoint
 *                          ({@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}})
 * @param browser          what the browser app is told at {@code /config.json}
 * @param security         how the API reads the person's access token
 * @param httpReadTimeout  a request whose body pauses this long between two reads is closed (a
 *                         silent socket or half-sent head is closed by {@code server.netty.idle-timeout}).
 *                         Reactor Netty keeps it on an upgraded WebSocket too, where the client's pongs
 *                         are the reads: keep it longer than {@code websocket-ping-interval}
 * @param websocketPingInterval local mode: how often the server pings each WebSocket
 * @param websocketSilenceDeadline local mode: a WebSocket that sent nothing, not even a pong, for this long is closed
 * @param websocketMaxSessions local mode: open WebSockets in all; past it the handshake answers 503
 * @param websocketMaxSessionsPerAddress local mode: open WebSockets from one client address; past it the handshake answers 429
 * @param allowedHosts     host names the local server answers for besides {@code localhost}, names under
 *                         {@code .localhost} and IP addresses ({@code *.example.com} allows the names under it)
 * @param allowedOrigins   sites whose pages may open live connections besides the server's own and
 *                         loopback ones, such as {@code https://todos.example.com}; on AWS the site's CloudFront URL
 * @param websocketCapLoopback local mode: whether the per-address cap holds for loopback clients too (by
 *                         default not: on loopback every client is this machine; they count towards the total)
 * @param streamReplayGrace local mode: after a start, how long the stream poller holds what it reads
 *                          (changes not yet pushed before a stop or crash, then new ones) while no
 *                          WebSocket client is connected; the first client to connect ends the wait
 * @param heldListTodos    how many todos, over all lists, the server may hold in memory between reads of
 *                         whole lists (the least recently read list goes first): a list held is answered
 *                         after one small read of its META item while it is unchanged; 0 holds none
 */
@ConfigurationProperties("livetodos")
public record LivetodosProperties(
        String tableName,
        String region,
        URI dynamodbEndpoint,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean inMemory,
        @DefaultValue("5s") Duration storeTimeout,
        @DefaultValue("7d") Duration tombstoneRetention,
        @DefaultValue("1s") Duration streamPollInterval,
        @DefaultValue("64") int publishConcurrency,
        @DefaultValue("3") int publishMaxFailedAttempts,
        @DefaultValue("256") int websocketBufferFrames,
        @DefaultValue("30s") Duration websocketWriteTimeout,
        String connectionsTable,
        URI websocketEndpoint,
        @DefaultValue Browser browser,
        @DefaultValue Security security,
        @DefaultValue("45s") Duration httpReadTimeout,
        @DefaultValue("20s") Duration websocketPingInterval,
        @DefaultValue("45s") Duration websocketSilenceDeadline,
        @DefaultValue("10000") int websocketMaxSessions,
        @DefaultValue("50") int websocketMaxSessionsPerAddress,
        List<String> allowedHosts,
        List<String> allowedOrigins,
        @DefaultValue("false") boolean websocketCapLoopback,
        @DefaultValue("15s") Duration streamReplayGrace,
        @DefaultValue("50000") long heldListTodos) {

    /** Who may reach the server by name, and which sites' pages may open live connections. */
    public AllowedCallers allowedCallers() {
        return new AllowedCallers(allowedHosts == null ? List.of() : allowedHosts,
                allowedOrigins == null ? List.of() : allowedOrigins);
    }

    /** Local mode: the WebSocket pings, silence deadline and session caps. */
    public WebSocketLimits websocketLimits() {
        return new WebSocketLimits(websocketPingInterval, websocketSilenceDeadline, websocketMaxSessions, websocketMaxSessionsPerAddress,
                websocketCapLoopback);
    }

    /**
     * Settings under {@code livetodos.browser.*}: where the page served by this server finds the
     * API and the live changes. Relative URLs are resolved by the page against its own location.
     *
     * <p>Who signs people in: the issuer and client id set here; without them, the local issuer
     * while it runs (it starts after the API's context, so this is read at each request). With
     * neither, the page signs no one in, and the API refuses every call.
     *
     * @param apiUrl       the todo collection
     * @param webSocketUrl where live changes are pushed ({@code http} becomes {@code ws} when relative)
     * @param issuer       the OpenID Connect issuer the page signs people in with (another than the local one)
     * @param clientId     the page's client id there; required with {@code issuer}
     * @param scope        the scopes the page asks for; blank: {@code openid profile}
     * @param signOutUrl   where signing out ends, for an issuer whose discovery names no end-session endpoint
     */
    public record Browser(
            @DefaultValue("/api") String apiUrl,
            @DefaultValue("/ws") String webSocketUrl,
            String issuer,
            String clientId,
            String scope,
            String signOutUrl) {
    }

    /**
     * Settings under {@code livetodos.security.*}: how the API reads and judges the person's
     * access token. Which issuer's tokens it takes is set by the standard
     * {@code spring.security.oauth2.resourceserver.jwt.*} properties (or is the local issuer).
     *
     * @param tokenHeader   the request header carrying {@code Bearer <token>}; on AWS CloudFront signs
     *                      its requests to the function in {@code Authorization}, so the token travels in another
     * @param requiredScope a scope every token must carry, for an issuer that puts the API's right in a
     *                      scope rather than the audience (Cognito); blank: none
     */
    public record Security(
            @DefaultValue("Authorization") String tokenHeader,
            String requiredScope) {

        public Security {
            if (tokenHeader == null || tokenHeader.isBlank()) {
                throw new IllegalArgumentException("livetodos.security.token-header must name a header");
            }
        }
    }
}
