package dev.livetodos.bootstrap.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * The todo table's stream, in memory: shards of records in order, listed a page at a time as
 * DynamoDB Streams does. A shard iterator is an opaque string naming a shard, a position in it
 * and the generation of iterators it belongs to ({@link #expireIterators()} starts a new one).
 * Every call the poller makes is counted and logged, so tests can say what was asked and when.
 * The poller calls the {@code Consumer<Builder>} overloads, which the SDK interface implements
 * by building the request and calling the overrides here.
 */
final class FakeDynamoDbStreams implements DynamoDbStreamsAsyncClient {

    static final String STREAM_ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/todos/stream/2025-01-01T00:00:00.000";

    /** Shards per describeStream page: small, so that listing a stream takes several pages. */
    private static final int PAGE_SIZE = 1;

    private final Progress progress;
    private final Map<String, FakeShard> shards = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private long lastSequenceNumber;
    private int iteratorGeneration;
    private Thread caller;
    private Hold hold;

    FakeDynamoDbStreams(Progress progress) {
        this.progress = progress;
    }

    // What tests do to the stream

    void openShard(String shardId) {
        openShard(shardId, null);
    }

    void openShard(String shardId, String parentShardId) {
        synchronized (this) {
            shards.put(shardId, new FakeShard(shardId, parentShardId));
        }
    }

    /** Appends the records in one go, each given the stream's next sequence number; returns those. */
    List<String> append(String shardId, List<Record> records) {
        List<String> sequenceNumbers = new ArrayList<>();
        synchronized (this) {
            FakeShard shard = shard(shardId);
            if (shard.closed) {
                throw new IllegalStateException(shardId + " is closed");
            }
            for (Record record : records) {
                String sequenceNumber = String.format("%021d", ++lastSequenceNumber);
                shard.records.add(record.toBuilder()
                        .dynamodb(record.dynamodb().toBuilder().sequenceNumber(sequenceNumber).build())
                        .build());
                sequenceNumbers.add(sequenceNumber);
            }
        }
        return sequenceNumbers;
    }

    /** The shard takes no more records; a reader that reaches its end gets no next iterator. */
    void close(String shardId) {
        synchronized (this) {
            shard(shardId).closed = true;
        }
    }

    /**
     * Until {@code shardId} has been listed by describeStream, reads of {@code withheldShardId}
     * come back empty (with an iterator at the same place), as DynamoDB may answer before a
     * shard's records are readable.
     */
    void withholdRecordsOfUntilListed(String withheldShardId, String shardId) {
        synchronized (this) {
            shard(withheldShardId).withheldUntilListed = shard(shardId);
        }
    }

    /** Every iterator handed out so far expires, as they do 15 minutes after they were issued. */
    void expireIterators() {
        synchronized (this) {
            iteratorGeneration++;
        }
    }

    /** The next read that finds nothing new does not answer until the hold is released. */
    Hold holdNextEmptyRead() {
        synchronized (this) {
            hold = new Hold();
            return hold;
        }
    }

    // What tests ask about the poller's calls

    /** The sequence number the last record appended was given. */
    synchronized String lastSequenceNumber() {
        return String.format("%021d", lastSequenceNumber);
    }

    synchronized int callCount() {
        return calls.size();
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized long count(String callPrefix) {
        return calls.stream().filter(call -> call.startsWith(callPrefix)).count();
    }

    /** The thread that made the last call: the poller's own. */
    synchronized Thread caller() {
        return caller;
    }

    // DynamoDbStreamsAsyncClient

    @Override
    public CompletableFuture<DescribeStreamResponse> describeStream(DescribeStreamRequest request) {
        DescribeStreamResponse response;
        synchronized (this) {
            log("describeStream after=" + request.exclusiveStartShardId());
            if (!STREAM_ARN.equals(request.streamArn())) {
                return CompletableFuture.failedFuture(
                        ResourceNotFoundException.builder().message("no stream " + request.streamArn()).build());
            }
            List<FakeShard> all = List.copyOf(shards.values());
            int from = 0;
            if (request.exclusiveStartShardId() != null) {
                from = all.indexOf(shards.get(request.exclusiveStartShardId())) + 1;
            }
            List<FakeShard> page = all.subList(from, Math.min(from + PAGE_SIZE, all.size()));
            page.forEach(shard -> shard.listed = true);
            String lastEvaluated = from + PAGE_SIZE < all.size() ? page.get(page.size() - 1).shardId : null;
            response = DescribeStreamResponse.builder()
                    .streamDescription(StreamDescription.builder()
                            .streamArn(STREAM_ARN)
                            .streamStatus(StreamStatus.ENABLED)
                            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                            .tableName(FakeDynamoDb.TABLE_NAME)
                            .shards(page.stream().map(FakeShard::description).toList())
                            .lastEvaluatedShardId(lastEvaluated)
                            .build())
                    .build();
        }
        progress.changed();
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public CompletableFuture<GetShardIteratorResponse> getShardIterator(GetShardIteratorRequest request) {
        GetShardIteratorResponse response;
        synchronized (this) {
            log("getShardIterator " + request.shardId() + " " + request.shardIteratorType()
                    + (request.sequenceNumber() == null ? "" : " " + request.sequenceNumber()));
            FakeShard shard = shards.get(request.shardId());
            if (shard == null || !STREAM_ARN.equals(request.streamArn())) {
                return CompletableFuture.failedFuture(
                        ResourceNotFoundException.builder().message("no shard " + request.shardId()).build());
            }
            int position = switch (request.shardIteratorType()) {
                case TRIM_HORIZON -> 0;
                case LATEST -> shard.records.size();
                case AT_SEQUENCE_NUMBER -> shard.indexOf(request.sequenceNumber());
                case AFTER_SEQUENCE_NUMBER -> shard.indexOf(request.sequenceNumber()) + 1;
                default -> throw new IllegalArgumentException(request.shardIteratorTypeAsString());
            };
            if (position < 0) {
                return CompletableFuture.failedFuture(DynamoDbException.builder().statusCode(400)
                        .message("no record " + request.sequenceNumber() + " in " + shard.shardId).build());
            }
            response = GetShardIteratorResponse.builder().shardIterator(iterator(shard, position)).build();
        }
        progress.changed();
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public CompletableFuture<GetRecordsResponse> getRecords(GetRecordsRequest request) {
        GetRecordsResponse response;
        Hold held = null;
        synchronized (this) {
            String[] parts = request.shardIterator().split("\\|");
            FakeShard shard = shards.get(parts[0]);
            int position = Integer.parseInt(parts[1]);
            log("getRecords " + parts[0] + " from " + position + " limit " + request.limit());
            if (Integer.parseInt(parts[2]) != iteratorGeneration) {
                return CompletableFuture.failedFuture(
                        ExpiredIteratorException.builder().message("Iterator expired").build());
            }
            if (request.limit() == null || request.limit() < 1 || request.limit() > 1000) {
                return CompletableFuture.failedFuture(
                        DynamoDbException.builder().statusCode(400).message("limit " + request.limit()).build());
            }
            int end = Math.min(position + request.limit(), shard.records.size());
            if (shard.withheldUntilListed != null && !shard.withheldUntilListed.listed) {
                end = position;
            }
            List<Record> records = List.copyOf(shard.records.subList(position, end));
            boolean ended = shard.closed && end == shard.records.size();
            response = GetRecordsResponse.builder()
                    .records(records)
                    .nextShardIterator(ended ? null : iterator(shard, end))
                    .build();
            if (records.isEmpty() && hold != null) {
                held = hold;
                hold = null;
            }
        }
        progress.changed();
        if (held != null) {
            held.reached.countDown();
            GetRecordsResponse answer = response;
            return held.released.thenApply(ignored -> answer);
        }
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    private void log(String call) {
        calls.add(call);
        caller = Thread.currentThread();
    }

    private FakeShard shard(String shardId) {
        FakeShard shard = shards.get(shardId);
        if (shard == null) {
            throw new IllegalArgumentException("no shard " + shardId);
        }
        return shard;
    }

    private String iterator(FakeShard shard, int position) {
        return shard.shardId + "|" + position + "|" + iteratorGeneration;
    }

    /** A read kept waiting: {@link #reached} when the poller is in it, answered on {@link #release()}. */
    static final class Hold {

        final CountDownLatch reached = new CountDownLatch(1);
        private final CompletableFuture<Void> released = new CompletableFuture<>();

        void release() {
            released.complete(null);
        }
    }

    private static final class FakeShard {

        final String shardId;
        final String parentShardId;
        final List<Record> records = new ArrayList<>();
        boolean closed;
        boolean listed;
        FakeShard withheldUntilListed;

        FakeShard(String shardId, String parentShardId) {
            this.shardId = shardId;
            this.parentShardId = parentShardId;
        }

        int indexOf(String sequenceNumber) {
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                    return i;
                }
            }
            return -1;
        }

        Shard description() {
            String first = records.isEmpty() ? null : records.get(0).dynamodb().sequenceNumber();
            String last = records.isEmpty() ? first : records.get(records.size() - 1).dynamodb().sequenceNumber();
            return Shard.builder()
                    .shardId(shardId)
                    .parentShardId(parentShardId)
                    .sequenceNumberRange(SequenceNumberRange.builder()
                            .startingSequenceNumber(first)
                            .endingSequenceNumber(closed ? (last == null ? "0" : last) : null)
                            .build())
                    .build();
        }
    }
}
