package dev.liaison.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one run at one concurrency. Only successful requests count towards throughput and latency;
 * failures are counted by kind.
 *
 * @param hitTimeCap whether the run was cut short by its time cap before all its requests were sent
 */
record Measurement(int concurrency, long succeeded, Map<String, Long> errors, Duration elapsed, double p50Millis,
                   double p99Millis, CpuTime cpu, boolean hitTimeCap) {

    Measurement {
        errors = Map.copyOf(errors);
    }

    static Measurement of(int concurrency, Histogram latencyMicros, Map<String, Long> errors, Duration elapsed,
                          CpuTime cpu, boolean hitTimeCap) {
        return new Measurement(concurrency, latencyMicros.getTotalCount(), errors, elapsed,
                millis(latencyMicros.getValueAtPercentile(50)), millis(latencyMicros.getValueAtPercentile(99)), cpu,
                hitTimeCap);
    }

    double perSecond() {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : succeeded * 1e9 / nanos;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The errors sorted by kind, for a stable report. */
    Map<String, Long> sortedErrors() {
        return new TreeMap<>(errors);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
