package dev.liaison.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One page kind's measurements: the server's time for each page (its {@code Server-Timing}), the round trip the
 * benchmark saw, and what went wrong.
 */
final class ConsoleTimes {

    private final ConsolePageKind kind;
    private final Histogram serverMicros = LatencyStats.histogram();
    private final Histogram roundTripMicros = LatencyStats.histogram();
    private final List<String> failures = new ArrayList<>();

    ConsoleTimes(ConsolePageKind kind) {
        this.kind = kind;
    }

    ConsolePageKind kind() {
        return kind;
    }

    void record(double serverMillis, long roundTripNanos) {
        LatencyStats.record(serverMicros, Math.round(serverMillis * 1_000_000));
        LatencyStats.record(roundTripMicros, roundTripNanos);
    }

    void failed(String why) {
        failures.add(why);
    }

    long count() {
        return serverMicros.getTotalCount();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** The server time at {@code percentile}, in milliseconds; 0 when nothing was recorded. */
    double serverMillis(double percentile) {
        return count() == 0 ? 0 : serverMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double serverMaxMillis() {
        return count() == 0 ? 0 : serverMicros.getMaxValue() / 1000.0;
    }

    double roundTripMillis(double percentile) {
        return roundTripMicros.getTotalCount() == 0 ? 0
                : roundTripMicros.getValueAtPercentile(percentile) / (double) TimeUnit.MILLISECONDS.toMicros(1);
    }
}
