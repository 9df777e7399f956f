package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.livetodos.infra.TemplateQueries.getAtt;
import static dev.livetodos.infra.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

class MonitoringTest {

    @Test
    void alarmWhenLiveChangesFallAMinuteBehindTheTable() {
        Template template = Synthesized.dev().template();

        template.hasResourceProperties("AWS::CloudWatch::Alarm", aMinuteBehindInThreeOfFive(Map.of(
                "Namespace", "AWS/Lambda",
                "MetricName", "IteratorAge",
                "Dimensions", List.of(Map.of("Name", "FunctionName",
                        "Value", ref(template, "AWS::Lambda::Function", "StreamProcessingTodoStreamFunction"))))));
    }

    @Test
    void alarmWhenABatchLandsInTheOnFailureQueue() {
        Template template = Synthesized.dev().template();

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", getAtt(template, "AWS::SQS::Queue", "StreamProcessingFailedBatches", "QueueName"))),
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Threshold", 1));
    }

    @Test
    void alarmWhenAnyFunctionFails() {
        Template template = Synthesized.dev().template();

        template.resourceCountIs("AWS::CloudWatch::Alarm", 2 + LambdaFunctionsTest.FUNCTIONS.size() + 1 + 2);
        for (String function : LambdaFunctionsTest.FUNCTIONS) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", anyError(template, function + "Function"));
        }
    }

    @Test
    void alarmWhenTheSignInTriggerFailsBecauseThenNobodyCanSignIn() {
        Template template = Synthesized.dev().template();

        Map<String, Object> alarm = new HashMap<>(anyError(template, "SignInAccessTokenClaims"));
        alarm.put("AlarmDescription", "livetodos: the access token claims trigger failed, so sign-ins fail");
        template.hasResourceProperties("AWS::CloudWatch::Alarm", alarm);
    }

    @Test
    void alarmWhenTheStreamFunctionSeesChangesAMinuteAfterTheyWereWritten() {
        Template template = Synthesized.dev().template();

        template.hasResourceProperties("AWS::CloudWatch::Alarm", aMinuteBehindInThreeOfFive(Map.of(
                "Namespace", "livetodos",
                "MetricName", "livetodos.stream.lag.max")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void alarmWhenMoreThanFivePercentOfTheHttpAnswersAreServerErrors() {
        Template template = Synthesized.dev().template();
        Map<String, Object> function = ref(template, "AWS::Lambda::Function", "HttpApiHttpFunction");

        Map<String, Object> alarm = TemplateQueries.properties(template, "AWS::CloudWatch::Alarm", "MonitoringHttpErrorRate");
        assertThat(alarm).containsEntry("ComparisonOperator", "GreaterThanThreshold").containsEntry("Threshold", 5)
                .containsEntry("EvaluationPeriods", 5).containsEntry("DatapointsToAlarm", 3);
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) alarm.get("Metrics");
        assertThat(metrics).anySatisfy(metric -> assertThat(metric)
                .containsEntry("Expression", "IF(requests >= 10, 100 * errors / requests, 0)"));
        for (String[] idAndName : new String[][] {{"requests", "UrlRequestCount"}, {"errors", "Url5xxCount"}}) {
            assertThat(metrics).anySatisfy(metric -> {
                assertThat(metric).containsEntry("Id", idAndName[0]);
                Map<String, Object> stat = (Map<String, Object>) metric.get("MetricStat");
                assertThat((Map<String, Object>) stat.get("Metric")).containsEntry("Namespace", "AWS/Lambda")
                        .containsEntry("MetricName", idAndName[1])
                        .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName", "Value", function)));
                assertThat(stat).containsEntry("Stat", "Sum");
            });
        }
    }

    @Test
    void oneDashboardShowsRequestsErrorsLatencyStreamLagFanOutSocketsAndStoreCalls() {
        Template template = Synthesized.dev().template();

        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        // The body is a Fn::Join of JSON text and references: its text is what the widgets say.
        String body = String.valueOf(TemplateQueries.properties(template, "AWS::CloudWatch::Dashboard", "MonitoringDashboard")
                .get("DashboardBody"));
        assertThat(body).contains("UrlRequestCount", "Url5xxCount", "UrlRequestLatency", "p99", "IteratorAge",
                "livetodos.stream.lag.max", "livetodos.fanout.duration.max", "livetodos.fanout.deliveries.sum",
                "ConnectCount", "livetodos.store.calls.count", "livetodos.subscribers.pruned.count",
                "livetodos.writes.replayed.count", "livetodos.feed.must-refetch.count");
    }

    /** An alarm on a one-minute maximum above a minute, in three of five minutes; no data is no alarm. */
    private static Map<String, Object> aMinuteBehindInThreeOfFive(Map<String, Object> metric) {
        Map<String, Object> alarm = new HashMap<>(metric);
        alarm.putAll(Map.of(
                "Statistic", "Maximum",
                "Period", 60,
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 60_000,
                "EvaluationPeriods", 5,
                "DatapointsToAlarm", 3,
                "TreatMissingData", "notBreaching"));
        return alarm;
    }

    /** An alarm on any error of the function whose logical id starts with {@code function}. */
    private static Map<String, Object> anyError(Template template, String function) {
        return Map.of(
                "MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(template, "AWS::Lambda::Function", function))),
                "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Threshold", 1);
    }
}
