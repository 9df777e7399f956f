package dev.livetodos.bootstrap.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Builds the event Lambda's event source mapping would hand over from records read off a
 * stream, so the handler sees the same type locally as on AWS.
 */
final class StreamEvents {

    private StreamEvents() {
    }

    static DynamodbEvent eventOf(List<Record> records, String streamArn) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(record -> recordOf(record, streamArn)).toList());
        return event;
    }

    private static DynamodbStreamRecord recordOf(Record record, String streamArn) {
        DynamodbStreamRecord out = new DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventVersion(record.eventVersion());
        out.setEventSource(record.eventSource());
        out.setAwsRegion(record.awsRegion());
        out.setEventSourceARN(streamArn);
        software.amazon.awssdk.services.dynamodb.model.StreamRecord in = record.dynamodb();
        StreamRecord data = new StreamRecord();
        data.setSequenceNumber(in.sequenceNumber());
        data.setSizeBytes(in.sizeBytes());
        if (in.streamViewType() != null) {
            data.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.valueOf(
                    in.streamViewType().toString()));
        }
        if (in.approximateCreationDateTime() != null) {
            data.setApproximateCreationDateTime(Date.from(in.approximateCreationDateTime()));
        }
        if (in.hasKeys()) {
            data.setKeys(map(in.keys()));
        }
        if (in.hasNewImage()) {
            data.setNewImage(map(in.newImage()));
        }
        if (in.hasOldImage()) {
            data.setOldImage(map(in.oldImage()));
        }
        out.setDynamodb(data);
        return out;
    }

    private static Map<String, AttributeValue> map(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, value(value)));
        return out;
    }

    private static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        AttributeValue out = new AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case B -> out.setB(value.b().asByteBuffer());
            case SS -> out.setSS(value.ss());
            case NS -> out.setNS(value.ns());
            case BS -> out.setBS(value.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> out.setM(map(value.m()));
            case L -> out.setL(value.l().stream().map(StreamEvents::value).toList());
            case BOOL -> out.setBOOL(value.bool());
            case NUL -> out.setNULL(Boolean.TRUE);
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        }
        return out;
    }
}
