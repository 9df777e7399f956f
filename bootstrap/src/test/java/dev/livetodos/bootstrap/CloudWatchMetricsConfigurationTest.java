package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The CloudWatch registry is there exactly where the CDK app names a namespace (on Lambda), with its step. */
class CloudWatchMetricsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
            .withUserConfiguration(CloudWatchMetricsConfiguration.class)
            .withSystemProperties("aws.region=eu-west-1", "aws.accessKeyId=test", "aws.secretAccessKey=test");

    @Test
    void givenANamespace_thenMetersGoToCloudWatchThere() {
        context.withPropertyValues("management.cloudwatch.metrics.export.namespace=livetodos",
                        "management.cloudwatch.metrics.export.step=30s")
                .run(started -> {
                    assertThat(started).hasSingleBean(CloudWatchMeterRegistry.class);
                    assertThat(started.getBean(MeterRegistry.class)).isInstanceOf(CloudWatchMeterRegistry.class);
                    CloudWatchMeterRegistry registry = started.getBean(CloudWatchMeterRegistry.class);
                    CloudWatchConfig config = CloudWatchMetricsConfiguration.config(started.getEnvironment());
                    assertThat(config.namespace()).isEqualTo("livetodos");
                    assertThat(config.step()).isEqualTo(Duration.ofSeconds(30));
                    // Only livetodos' own meters are sent (each is a custom metric CloudWatch bills).
                    registry.counter("livetodos.stream.skipped").increment();
                    registry.counter("jvm.gc.pause").increment();
                    assertThat(registry.find("livetodos.stream.skipped").counter()).isNotNull();
                    assertThat(registry.find("jvm.gc.pause").counter()).isNull();
                });
    }

    @Test
    void givenNoNamespace_thenNothingIsSentToCloudWatch() {
        context.run(started -> assertThat(started).doesNotHaveBean(CloudWatchMeterRegistry.class));
    }
}
