package dev.livetodos.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * Alarms for what goes wrong quietly: live changes falling behind the table (iterator age, and the
 * lag the stream function measures itself), batches given up on (the on-failure queue), the HTTP
 * API answering with server errors, and any function failing (the sign-in trigger too). They have
 * no actions: subscribe a topic (e-mail, chat, paging) to them in the console or here when someone
 * is on call. And one dashboard: requests, errors, p99, stream lag, fan-out, sockets, store calls.
 *
 * <p>The application's own meters reach CloudWatch through Micrometer's CloudWatch registry in the
 * {@value #NAMESPACE} namespace ({@link #publishMetrics}): a timer {@code livetodos.stream.lag}
 * becomes {@code livetodos.stream.lag.avg}, {@code .max}, {@code .count} and {@code .sum}; a counter
 * gets {@code .count}, a gauge {@code .value}.
 */
final class Monitoring extends Construct {

    /** Changes reach browsers in well under a second; a minute behind means the stream function is stuck. */
    static final Duration ITERATOR_AGE_LIMIT = Duration.minutes(1);
    /** Where the functions' Micrometer meters go. */
    static final String NAMESPACE = "livetodos";
    /** More than this share of the HTTP API's answers being 5xx, in three of five minutes, raises the alarm. */
    static final int ERROR_RATE_PERCENT = 5;
    /** Fewer requests than this in a minute say too little to judge a rate by. */
    static final int ERROR_RATE_MIN_REQUESTS = 10;
    static final Duration PERIOD = Duration.minutes(1);

    /**
     * Turns on the function's CloudWatch meter registry ({@code management.cloudwatch.metrics.export.*},
     * see the bootstrap's CloudWatchMetricsConfiguration) and lets it put metrics in the
     * {@value #NAMESPACE} namespace only (PutMetricData has no resource to scope it to, the namespace
     * condition is what narrows it).
     */
    static void publishMetrics(JavaFunction function) {
        function.function().addEnvironment("MANAGEMENT_CLOUDWATCH_METRICS_EXPORT_NAMESPACE", NAMESPACE);
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", NAMESPACE)))
                .build());
        Nag.suppress(function, "AwsSolutions-IAM5",
                "cloudwatch:PutMetricData has no resource-level permissions, so AWS requires Resource '*' for it; "
                        + "its condition lets the function put metrics in the " + NAMESPACE + " namespace only.",
                List.of("Resource::*"));
    }

    /** A measure in milliseconds above a minute in three of five minutes (no data: nothing written, all well). */
    private static CreateAlarmOptions aMinuteBehindInThreeOfFive(String description) {
        return CreateAlarmOptions.builder()
                .alarmDescription(description)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(ITERATOR_AGE_LIMIT.toMilliseconds())
                .evaluationPeriods(5)
                .datapointsToAlarm(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    Monitoring(Construct scope, String id, StreamProcessing stream, HttpApi http, LiveChanges live,
               List<JavaFunction> functions, SignIn signIn) {
        super(scope, id);
        stream.function().function()
                .metric("IteratorAge", MetricOptions.builder().statistic("Maximum").period(Duration.minutes(1)).build())
                .createAlarm(this, "StreamIteratorAge",
                        aMinuteBehindInThreeOfFive("livetodos: live changes are more than a minute behind the todo table"));
        stream.failedBatches()
                .metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .statistic("Maximum").period(Duration.minutes(5)).build())
                .createAlarm(this, "FailedBatches", CreateAlarmOptions.builder()
                        .alarmDescription("livetodos: changes that could not be pushed to browsers are in the on-failure queue")
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .threshold(1)
                        .evaluationPeriods(1)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build());
        for (JavaFunction function : functions) {
            errorsAlarm(function.function(), function.getNode().getId(), "livetodos: the " + function.getNode().getId() + " function failed");
        }
        // Cognito refuses to issue tokens when this trigger fails: nobody can sign in.
        errorsAlarm(signIn.accessTokenClaims(), "AccessTokenClaims",
                "livetodos: the access token claims trigger failed, so sign-ins fail");

        // The stream function's own measure: from the write (the record's approximate creation time)
        // to the start of its fan-out, which IteratorAge (the shard's oldest unread record) misses
        // when the function is slow rather than stuck.
        appMetric("livetodos.stream.lag.max", "Maximum")
                .createAlarm(this, "StreamLag",
                        aMinuteBehindInThreeOfFive("livetodos: changes reach the stream function more than a minute after they were written"));
        // Function errors miss these: the Web Adapter answers a 5xx as a successful invocation.
        MathExpression errorRate = MathExpression.Builder.create()
                .label("HTTP 5xx (%)")
                .expression("IF(requests >= " + ERROR_RATE_MIN_REQUESTS + ", 100 * errors / requests, 0)")
                .usingMetrics(Map.of("requests", urlMetric(http, "UrlRequestCount", "Sum"),
                        "errors", urlMetric(http, "Url5xxCount", "Sum")))
                .period(PERIOD)
                .build();
        errorRate.createAlarm(this, "HttpErrorRate", CreateAlarmOptions.builder()
                .alarmDescription("livetodos: more than " + ERROR_RATE_PERCENT + "% of the HTTP API's answers are server errors")
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(ERROR_RATE_PERCENT)
                .evaluationPeriods(5)
                .datapointsToAlarm(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());

        dashboard(stream, http, live, errorRate);
    }

    private void dashboard(StreamProcessing stream, HttpApi http, LiveChanges live, MathExpression errorRate) {
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("livetodos-" + Stack.of(this).getStackName())
                .defaultInterval(Duration.hours(3))
                .build();
        dashboard.addWidgets(
                graph("HTTP requests", List.of(urlMetric(http, "UrlRequestCount", "Sum"),
                        urlMetric(http, "Url4xxCount", "Sum"), urlMetric(http, "Url5xxCount", "Sum"))),
                graph("HTTP errors", List.of(errorRate)),
                graph("HTTP latency (ms)", List.of(urlMetric(http, "UrlRequestLatency", "p50"),
                        urlMetric(http, "UrlRequestLatency", "p99"))));
        dashboard.addWidgets(
                graph("Stream lag (ms)", List.of(
                        stream.function().function().metric("IteratorAge",
                                MetricOptions.builder().statistic("Maximum").period(PERIOD).build()),
                        appMetric("livetodos.stream.lag.max", "Maximum"),
                        appMetric("livetodos.stream.lag.avg", "Average"))),
                graph("Fan-out", List.of(
                        appMetric("livetodos.fanout.duration.max", "Maximum"),
                        appSearch("livetodos.fanout.deliveries.sum", "Sum", "frames sent"),
                        appSearch("livetodos.subscribers.pruned.count", "Sum", "gone connections pruned"),
                        appSearch("livetodos.stream.skipped.count", "Sum", "unreadable records skipped"))),
                graph("Sockets", List.of(
                        live.api().metric("ConnectCount", MetricOptions.builder().statistic("Sum").period(PERIOD).build()),
                        live.api().metric("MessageCount", MetricOptions.builder().statistic("Sum").period(PERIOD).build()))));
        dashboard.addWidgets(
                graph("Store calls", List.of(
                        appSearch("livetodos.store.calls.count", "Sum", "calls"),
                        appSearch("livetodos.store.calls.max", "Maximum", "slowest (ms)"))),
                graph("Writes and the feed", List.of(
                        appSearch("livetodos.writes.replayed.count", "Sum", "Idempotency-Key replays"),
                        appSearch("livetodos.feed.must-refetch.count", "Sum", "must-refetch answers"))));
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(List.copyOf(metrics)).width(8).height(6).build();
    }

    private static Metric urlMetric(HttpApi http, String name, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/Lambda")
                .metricName(name)
                .dimensionsMap(Map.of("FunctionName", http.function().function().getFunctionName()))
                .statistic(statistic)
                .period(PERIOD)
                .build();
    }

    /** One of the application's meters that has no tags (one time series), so an alarm can watch it. */
    private static Metric appMetric(String name, String statistic) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).statistic(statistic).period(PERIOD).build();
    }

    /** All time series of a tagged meter (by operation, outcome…), summed: for graphs only, alarms cannot search. */
    private static MathExpression appSearch(String name, String statistic, String label) {
        String search = "SEARCH('{" + NAMESPACE + "} MetricName=\"" + name + "\"', '" + statistic + "', "
                + PERIOD.toSeconds().intValue() + ")";
        return MathExpression.Builder.create()
                .label(label)
                .expression("Maximum".equals(statistic) ? "MAX(" + search + ")" : "SUM(" + search + ")")
                .period(PERIOD)
                .build();
    }

    private Alarm errorsAlarm(IFunction function, String name, String description) {
        return function
                .metricErrors(MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build())
                .createAlarm(this, name + "Errors", CreateAlarmOptions.builder()
                        .alarmDescription(description)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .threshold(1)
                        .evaluationPeriods(1)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build());
    }
}
