package dev.livetodos.bootstrap;

import java.util.Optional;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** With a table name configured: the table on AWS, credentials and region from the usual AWS chain. */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalMode.Off.class)
class AwsStoreConfiguration {

    @Bean
    StoreConnection storeConnection(LivetodosProperties properties) {
        Optional<Region> region = Optional.ofNullable(properties.region()).filter(r -> !r.isBlank()).map(Region::of);
        String where = properties.dynamodbEndpoint() == null
                ? "DynamoDB table " + properties.tableName()
                : "DynamoDB table " + properties.tableName() + " at " + properties.dynamodbEndpoint();
        return new StoreConnection(properties.tableName(), Optional.ofNullable(properties.dynamodbEndpoint()), region,
                DefaultCredentialsProvider.builder().build(), where, false);
    }

    /** The HTTP API finishes or prepares the handover of earlier versions' todos before it answers (see {@link LegacyTodosHandover}). */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    SmartInitializingSingleton legacyTodosReady(LegacyTodosHandover handover, LivetodosProperties properties) {
        return () -> handover.atStart().block(properties.storeTimeout().multipliedBy(4));
    }
}
