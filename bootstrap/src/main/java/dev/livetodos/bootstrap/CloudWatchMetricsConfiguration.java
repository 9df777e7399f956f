package dev.livetodos.bootstrap;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.config.MeterFilter;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * On Lambda the meters go to CloudWatch (the CDK app sets the namespace and grants PutMetricData in
 * it alone), with Micrometer's CloudWatch registry: every step (a minute unless
 * {@code management.cloudwatch.metrics.export.step} says otherwise) it sends what the step
 * counted. Spring Boot configures no CloudWatch registry itself; these two properties follow the
 * names of its other registries. Locally nothing sets the namespace, and Prometheus is scraped instead.
 *
 * <p>A function is frozen between invocations, so a step's meters go out at the next invocation
 * after it ends (or when the environment shuts down): the dashboard's minutes lag a little on a quiet function.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("management.cloudwatch.metrics.export.namespace")
class CloudWatchMetricsConfiguration {

    static final String PREFIX = "management.cloudwatch.metrics.export.";
    static final String OWN_METERS = "livetodos.";

    @Bean(destroyMethod = "close")
    CloudWatchAsyncClient cloudWatchAsyncClient() {
        return CloudWatchAsyncClient.create();
    }

    @Bean(destroyMethod = "close")
    CloudWatchMeterRegistry cloudWatchMeterRegistry(CloudWatchAsyncClient cloudWatch, Environment environment) {
        CloudWatchMeterRegistry registry = new CloudWatchMeterRegistry(config(environment), Clock.SYSTEM, cloudWatch);
        // Every name and tag combination sent is a custom metric CloudWatch bills by the month: only
        // livetodos' own go there (the JVM's and HTTP's would be a hundred more per function; Lambda
        // and the Function URL report duration, memory, requests and errors themselves).
        registry.config().meterFilter(MeterFilter.denyUnless(id -> id.getName().startsWith(OWN_METERS)));
        return registry;
    }

    static CloudWatchConfig config(Environment environment) {
        String namespace = environment.getRequiredProperty(PREFIX + "namespace");
        String stepSetting = environment.getProperty(PREFIX + "step");
        Duration step = stepSetting == null ? Duration.ofMinutes(1) : DurationStyle.detectAndParse(stepSetting);
        return new CloudWatchConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String namespace() {
                return namespace;
            }

            @Override
            public Duration step() {
                return step;
            }
        };
    }
}
