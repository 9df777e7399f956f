package dev.livetodos.bootstrap;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param streamPollInterval local mode: how often an idle stream shard is asked for new records (writes
 *                           through this server are read at once, whatever this says)
 * @param publishConcurrency how many subscribers a batch of changes is sent to at the same time
 * @param websocketBufferFrames local mode: frames a WebSocket client may fall behind before it is cut off
 * @param websocketWriteTimeout local mode: a connection nothing could be written to for this long is dropped
 * @param connectionsTable on AWS: the table of open WebSocket connections; set it to turn live changes on
 * @param websocketEndpoint on AWS: the WebSocket API's connection management endpoint
 *                          ({@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}})
 * @param browser          what the browser app is told at {@code /config.json}
 * @param streamReplayGrace local mode: after a start, how long the stream poller holds what it reads
 *                          (changes not yet pushed before a stop or crash, then new ones) while no
 *                          WebSocket client is connected; the first client to connect ends the wait
 */
@ConfigurationProperties("livetodos")
public record LivetodosProperties(
        String tableName,
        String region,
        URI dynamodbEndpoint,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean inMemory,
        @DefaultValue("5s") Duration storeTimeout,
        @DefaultValue("1s") Duration streamPollInterval,
        @DefaultValue("64") int publishConcurrency,
        @DefaultValue("256") int websocketBufferFrames,
        @DefaultValue("30s") Duration websocketWriteTimeout,
        String connectionsTable,
        URI websocketEndpoint,
        @DefaultValue Browser browser,
        @DefaultValue("15s") Duration streamReplayGrace) {

    /**
     * Settings under {@code livetodos.browser.*}: where the page served by this server finds the
     * API and the live changes. Relative URLs are resolved by the page against its own location.
     *
     * @param apiUrl       the todo collection
     * @param webSocketUrl where live changes are pushed ({@code http} becomes {@code ws} when relative)
     */
    public record Browser(
            @DefaultValue("/api/todos") String apiUrl,
            @DefaultValue("/ws") String webSocketUrl) {
    }
}
