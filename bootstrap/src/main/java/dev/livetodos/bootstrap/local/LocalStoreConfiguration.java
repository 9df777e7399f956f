package dev.livetodos.bootstrap.local;

import dev.livetodos.adapter.out.dynamodb.DynamoDbTodoTable;
import dev.livetodos.bootstrap.LivetodosProperties;
import dev.livetodos.bootstrap.LocalMode;
import dev.livetodos.bootstrap.StoreConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Local mode: no AWS account needed. DynamoDB Local runs in this process, keeping data in the
 * data directory (or in memory), and the todo table is created on first start.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalMode.class)
class LocalStoreConfiguration {

    static final String TABLE_NAME = "livetodos-todos";

    @Bean(destroyMethod = "close")
    EmbeddedDynamoDb embeddedDynamoDb(LivetodosProperties properties) throws Exception {
        Optional<Path> dataDir = Optional.empty();
        if (!properties.inMemory()) {
            dataDir = Optional.of(Files.createDirectories(properties.dataDir().toAbsolutePath().normalize()));
        }
        return EmbeddedDynamoDb.start(dataDir);
    }

    @Bean
    StoreConnection storeConnection(EmbeddedDynamoDb dynamoDb, LivetodosProperties properties) {
        String where = properties.inMemory()
                ? "in memory (gone when the server stops)"
                : properties.dataDir().toAbsolutePath().normalize() + " (embedded DynamoDB Local)";
        // DynamoDB Local accepts any credentials; fixed ones keep the developer's own AWS setup out of it.
        return new StoreConnection(TABLE_NAME, Optional.of(dynamoDb.endpoint()), Optional.of(Region.US_EAST_1),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), where);
    }

    @Bean
    SmartInitializingSingleton localTodoTable(DynamoDbAsyncClient client, LivetodosProperties properties) {
        return () -> DynamoDbTodoTable.createIfMissing(client, TABLE_NAME).block(properties.storeTimeout().multipliedBy(2));
    }
}
