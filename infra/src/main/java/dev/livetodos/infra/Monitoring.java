package dev.livetodos.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

import java.util.List;

/**
 * Alarms for what goes wrong quietly: live changes falling behind the table (iterator age),
 * batches given up on (the on-failure queue), and any function failing (the sign-in trigger too). They have no actions:
 * subscribe a topic (e-mail, chat, paging) to them in the console or here when someone is on call.
 */
final class Monitoring extends Construct {

    /** Changes reach browsers in well under a second; a minute behind means the stream function is stuck. */
    static final Duration ITERATOR_AGE_LIMIT = Duration.minutes(1);

    Monitoring(Construct scope, String id, StreamProcessing stream, List<JavaFunction> functions, SignIn signIn) {
        super(scope, id);
        stream.function().function()
                .metric("IteratorAge", MetricOptions.builder().statistic("Maximum").period(Duration.minutes(1)).build())
                .createAlarm(this, "StreamIteratorAge", CreateAlarmOptions.builder()
                        .alarmDescription("livetodos: live changes are more than a minute behind the todo table")
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .threshold(ITERATOR_AGE_LIMIT.toMilliseconds())
                        .evaluationPeriods(5)
                        .datapointsToAlarm(3)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build());
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
