package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.livetodos.infra.TemplateQueries.getAtt;
import static dev.livetodos.infra.TemplateQueries.ref;

class MonitoringTest {

    @Test
    void alarmWhenLiveChangesFallAMinuteBehindTheTable() {
        Template template = Synthesized.dev().template();

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/Lambda",
                "MetricName", "IteratorAge",
                "Dimensions", List.of(Map.of("Name", "FunctionName",
                        "Value", ref(template, "AWS::Lambda::Function", "StreamProcessingTodoStreamFunction"))),
                "Statistic", "Maximum",
                "Period", 60,
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 60_000,
                "EvaluationPeriods", 5,
                "DatapointsToAlarm", 3,
                "TreatMissingData", "notBreaching"));
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

        template.resourceCountIs("AWS::CloudWatch::Alarm", 2 + LambdaFunctionsTest.FUNCTIONS.size() + 1);
        for (String function : LambdaFunctionsTest.FUNCTIONS) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "MetricName", "Errors",
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(template, "AWS::Lambda::Function", function + "Function"))),
                    "Statistic", "Sum",
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "Threshold", 1));
        }
    }

    @Test
    void alarmWhenTheSignInTriggerFailsBecauseThenNobodyCanSignIn() {
        Template template = Synthesized.dev().template();

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmDescription", "livetodos: the access token claims trigger failed, so sign-ins fail",
                "MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(template, "AWS::Lambda::Function", "SignInAccessTokenClaims"))),
                "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Threshold", 1));
    }
}
