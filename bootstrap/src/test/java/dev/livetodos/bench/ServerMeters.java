package dev.livetodos.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own timers as its Prometheus endpoint shows them (local mode serves it on the
 * management port, the API's plus two), read before and after a scenario so the difference is
 * that scenario's: how many were recorded, their mean, and the 50th and 99th percentiles to the
 * histogram's bucket (the upper bound of the bucket the percentile falls in).
 */
final class ServerMeters {

    /** One timer's recordings between two readings; times in milliseconds, -1 when nothing was recorded. */
    record Timed(long count, double meanMillis, double p50Millis, double p99Millis) {

        static final Timed NONE = new Timed(0, -1, -1, -1);
    }

    /** One reading of every timer's histogram: per timer, its sum in seconds and its cumulative bucket counts. */
    static final class Reading {

        private final Map<String, Double> sums = new HashMap<>();
        private final Map<String, TreeMap<Double, Long>> buckets = new HashMap<>();

        /** What {@code timer} (its Prometheus name, without {@code _seconds}) recorded since {@code before}. */
        Timed since(Reading before, String timer) {
            TreeMap<Double, Long> now = buckets.getOrDefault(timer, new TreeMap<>());
            TreeMap<Double, Long> then = before.buckets.getOrDefault(timer, new TreeMap<>());
            long count = now.isEmpty() ? 0 : now.lastEntry().getValue() - (then.isEmpty() ? 0 : then.lastEntry().getValue());
            if (count <= 0) {
                return Timed.NONE;
            }
            double sum = sums.getOrDefault(timer, 0.0) - before.sums.getOrDefault(timer, 0.0);
            return new Timed(count, sum * 1000 / count, percentile(now, then, count, 0.50), percentile(now, then, count, 0.99));
        }

        private static double percentile(TreeMap<Double, Long> now, TreeMap<Double, Long> then, long count, double quantile) {
            long rank = (long) Math.ceil(quantile * count);
            for (Map.Entry<Double, Long> bucket : now.entrySet()) {
                long below = bucket.getValue() - then.getOrDefault(bucket.getKey(), 0L);
                if (below >= rank) {
                    return bucket.getKey() * 1000;
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    private static final Pattern BUCKET = Pattern.compile("^(\\w+)_seconds_bucket\\{.*le=\"([^\"]+)\".*} ([0-9.eE+-]+)$");
    private static final Pattern SUM = Pattern.compile("^(\\w+)_seconds_sum(?:\\{.*})? ([0-9.eE+-]+)$");

    private final HttpClient http;
    private final URI prometheus;

    ServerMeters(HttpClient http, int apiPort) {
        this.http = http;
        // Local mode's management port (ManagementLayout): the API's plus two, on loopback.
        this.prometheus = URI.create("http://127.0.0.1:" + (apiPort + 2) + "/actuator/prometheus");
    }

    Reading read() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException(prometheus + " answered " + answer.statusCode());
        }
        Reading reading = new Reading();
        for (String line : answer.body().split("\n")) {
            Matcher bucket = BUCKET.matcher(line);
            if (bucket.matches()) {
                double le = bucket.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(2));
                reading.buckets.computeIfAbsent(bucket.group(1), any -> new TreeMap<>())
                        .merge(le, (long) Double.parseDouble(bucket.group(3)), Long::sum);
                continue;
            }
            Matcher sum = SUM.matcher(line);
            if (sum.matches()) {
                reading.sums.merge(sum.group(1), Double.parseDouble(sum.group(2)), Double::sum);
            }
        }
        return reading;
    }
}
