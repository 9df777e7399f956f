package dev.livetodos.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every call a DynamoDB client makes, retries included, as {@code livetodos.store.calls}
 * tagged with the operation ({@code Query}, {@code TransactWriteItems}...), the outcome and, for a
 * failure, the service's error code ({@code ConditionalCheckFailedException} is an answer, not an
 * outage: the tag tells them apart) or {@code Timeout}/{@code ClientError} for calls that got no
 * answer. All of these are few, so the tags stay bounded.
 */
final class StoreCallMetrics implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("livetodos.store.started");

    private final MeterRegistry meters;

    StoreCallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, "success", "none");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, "error", errorOf(context.exception()));
    }

    private void record(ExecutionAttributes attributes, String outcome, String error) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        Timer.builder("livetodos.store.calls")
                .description("Calls to DynamoDB, retries included")
                .tag("operation", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)))
                .tag("outcome", outcome)
                .tag("error", error)
                .register(meters)
                .record(Duration.ofNanos(System.nanoTime() - started));
    }

    private static String errorOf(Throwable failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return "Timeout";
        }
        return "ClientError";
    }
}
