package dev.livetodos.domain.model;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Where a change sits in the stream of changes it came from (a DynamoDB stream record's sequence
 * number). Positions within one shard of the stream grow with time, so they order its changes;
 * they are compared as numbers, as their decimal text has no fixed width.
 */
public record StreamPosition(BigInteger value) implements Comparable<StreamPosition> {

    public StreamPosition {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a stream position is not negative, was " + value);
        }
    }

    /** Reads a position from its decimal text. */
    public static StreamPosition of(String decimal) {
        Objects.requireNonNull(decimal, "decimal");
        if (decimal.isEmpty() || !decimal.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a stream position is a decimal number, was '" + decimal + "'");
        }
        return new StreamPosition(new BigInteger(decimal));
    }

    public static StreamPosition of(long value) {
        return new StreamPosition(BigInteger.valueOf(value));
    }

    /** The position just after this one: every later change is at it or after it. */
    public StreamPosition next() {
        return new StreamPosition(value.add(BigInteger.ONE));
    }

    public boolean isAfter(StreamPosition other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(StreamPosition other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
