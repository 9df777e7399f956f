package dev.livetodos.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.livetodos.infra.TemplateQueries.actionsOfRole;
import static dev.livetodos.infra.TemplateQueries.getAtt;
import static org.assertj.core.api.Assertions.assertThat;

class StreamProcessingTest {

    @Test
    void streamFunctionReadsTheTodoStreamInOrderWithBoundedRetriesAndAnOnFailureQueue() {
        Template template = Synthesized.dev().template();

        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", getAtt(template, "AWS::DynamoDB::Table", "TodoTablesTodos", "StreamArn"),
                "StartingPosition", "LATEST",
                "BatchSize", 100,
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", StreamProcessing.RETRY_ATTEMPTS,
                "MaximumRecordAgeInSeconds", 3600,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "ParallelizationFactor", 1,
                "DestinationConfig", Map.of("OnFailure", Map.of(
                        "Destination", getAtt(template, "AWS::SQS::Queue", "StreamProcessingFailedBatches", "Arn")))));
    }

    @Test
    void eventSourceMappingInvokesTheLiveAliasSoSnapStartIsUsed() {
        Template template = Synthesized.dev().template();

        Map<String, Object> mapping = template.findResources("AWS::Lambda::EventSourceMapping").values().iterator().next();

        assertThat(TemplateQueries.refsIn(((Map<?, ?>) mapping.get("Properties")).get("FunctionName")))
                .containsExactly(TemplateQueries.logicalId(template, "AWS::Lambda::Alias", "StreamProcessingTodoStreamLive"));
        assertThat(((Map<?, ?>) mapping.get("Properties")).get("FunctionName").toString()).endsWith(":live]]}");
    }

    @Test
    void onFailureQueueIsEncryptedAndRefusesPlainHttp() {
        Template template = Synthesized.dev().template();

        template.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1_209_600));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(Map.of(
                "Action", "sqs:*", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                "Resource", getAtt(template, "AWS::SQS::Queue", "StreamProcessingFailedBatches", "Arn"))))));
    }

    @Test
    void streamFunctionMayReadTheStreamAListsMembersAPersonsConnectionsForgetConnectionsKeepWhatARetryOwesAndRecordFailedBatches() {
        Template template = Synthesized.dev().template();

        assertThat(actionsOfRole(template, "StreamProcessingTodoStreamRole")).containsExactlyInAnyOrder(
                "logs:CreateLogStream", "logs:PutLogEvents",
                "dynamodb:ListStreams", "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                "dynamodb:Query", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem",
                "sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
                "execute-api:ManageConnections", "cloudwatch:PutMetricData");
        assertThat(TemplateQueries.statementsOfRole(template, "StreamProcessingTodoStreamRole")).contains(
                Map.of("Effect", "Allow", "Action", "dynamodb:DeleteItem",
                        "Resource", getAtt(template, "AWS::DynamoDB::Table", "TodoTablesConnections", "Arn")),
                // A person's connections through the index only (no Scan of the table any more), and a
                // changed list's members and META from the todo table itself, never its index.
                Map.of("Effect", "Allow", "Action", "dynamodb:Query",
                        "Resource", List.of(
                                getAtt(template, "AWS::DynamoDB::Table", "TodoTablesTodos", "Arn"),
                                Map.of("Fn::Join", List.of("", List.of(
                                        getAtt(template, "AWS::DynamoDB::Table", "TodoTablesConnections", "Arn"), "/index/byPerson"))))),
                // It reads and writes only the items that say what a retry owes, never a connection's.
                Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetItem", "dynamodb:PutItem"),
                        "Resource", getAtt(template, "AWS::DynamoDB::Table", "TodoTablesConnections", "Arn"),
                        "Condition", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("pending#*")))),
                Map.of("Effect", "Allow", "Action", List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
                        "Resource", getAtt(template, "AWS::DynamoDB::Table", "TodoTablesTodos", "StreamArn")));
        assertThat(actionsOfRole(template, "StreamProcessingTodoStreamRole")).doesNotContain("dynamodb:Scan");
    }
}
