package dev.livetodos.bootstrap.local;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Just enough of DynamoDB for the poller: the todo table, described with its stream's ARN. Every
 * other call keeps the interface's default, which throws UnsupportedOperationException.
 */
final class FakeDynamoDb implements DynamoDbAsyncClient {

    static final String TABLE_NAME = "todos";

    @Override
    public CompletableFuture<DescribeTableResponse> describeTable(DescribeTableRequest request) {
        if (!TABLE_NAME.equals(request.tableName())) {
            return CompletableFuture.failedFuture(
                    ResourceNotFoundException.builder().message("no table " + request.tableName()).build());
        }
        return CompletableFuture.completedFuture(DescribeTableResponse.builder()
                .table(TableDescription.builder()
                        .tableName(TABLE_NAME)
                        .tableStatus(TableStatus.ACTIVE)
                        .latestStreamArn(FakeDynamoDbStreams.STREAM_ARN)
                        .build())
                .build());
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
