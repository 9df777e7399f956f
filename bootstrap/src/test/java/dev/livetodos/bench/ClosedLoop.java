package dev.livetodos.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed loop: {@code concurrency} threads, each sending its next request as soon as the last
 * one is answered, first for the warm-up (not recorded), then for the measured time.
 */
final class ClosedLoop {

    /** One request; {@code worker} tells the threads apart. Returns null, or what went wrong. */
    @FunctionalInterface
    interface Call {
        String send(int worker) throws Exception;
    }

    /**
     * A request that needs something made first, such as a todo to delete: {@link #prepare}
     * runs before the clock starts, {@link #send} is what is timed.
     */
    interface Prepared<T> {
        T prepare(int worker) throws Exception;

        String send(int worker, T prepared) throws Exception;
    }

    /** The figures of one scenario; errors counted by what went wrong. */
    record Result(int concurrency, long requests, long errors, double requestsPerSecond,
                  double p50Millis, double p99Millis, double maxMillis, Map<String, Long> errorKinds) {
    }

    private ClosedLoop() {
    }

    static Result run(int concurrency, Duration warmUp, Duration measured, Call call) throws InterruptedException {
        return run(concurrency, warmUp, measured, new Prepared<Void>() {
            @Override
            public Void prepare(int worker) {
                return null;
            }

            @Override
            public String send(int worker, Void nothing) throws Exception {
                return call.send(worker);
            }
        });
    }

    static <T> Result run(int concurrency, Duration warmUp, Duration measured, Prepared<T> call) throws InterruptedException {
        loop(concurrency, warmUp, call, false);
        return loop(concurrency, measured, call, true);
    }

    private static <T> Result loop(int concurrency, Duration length, Prepared<T> call, boolean record) throws InterruptedException {
        Histogram all = new Histogram(60_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        Map<String, Long> kinds = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        for (int worker = 0; worker < concurrency; worker++) {
            Histogram mine = new Histogram(60_000_000L, 3);
            histograms.add(mine);
            int number = worker;
            Thread thread = new Thread(() -> {
                // At least one request each, however late a busy machine starts this thread.
                do {
                    T prepared;
                    try {
                        prepared = call.prepare(number);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        kinds.merge("preparing: " + e.getClass().getSimpleName(), 1L, Long::sum);
                        continue;
                    }
                    long sent = System.nanoTime();
                    String failure;
                    try {
                        failure = call.send(number, prepared);
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName();
                    }
                    mine.recordValue(Math.min(60_000_000L, (System.nanoTime() - sent) / 1000));
                    if (failure != null) {
                        errors.incrementAndGet();
                        kinds.merge(failure, 1L, Long::sum);
                    }
                } while (System.nanoTime() < end);
            }, "bench-worker-" + worker);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        histograms.forEach(all::add);
        if (!record) {
            return null;
        }
        return new Result(concurrency, all.getTotalCount(), errors.get(), all.getTotalCount() / seconds,
                all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0, all.getMaxValue() / 1000.0, new TreeMap<>(kinds));
    }
}
