package dev.liaison.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** The latency percentiles a report shows, in milliseconds; all zero when nothing was recorded. */
record LatencyStats(long count, double p50Millis, double p90Millis, double p99Millis, double maxMillis) {

    /** Latencies above ten minutes are recorded as ten minutes; every wait of the benchmark ends well before. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int SIGNIFICANT_DIGITS = 3;

    static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    /** Records a latency given in nanoseconds, clamped into the histogram's range. */
    static void record(Histogram micros, long nanos) {
        micros.recordValue(Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), HIGHEST_MICROS)));
    }

    static LatencyStats of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencyStats(0, 0, 0, 0, 0);
        }
        return new LatencyStats(micros.getTotalCount(), millis(micros.getValueAtPercentile(50)),
                millis(micros.getValueAtPercentile(90)), millis(micros.getValueAtPercentile(99)),
                millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
