package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesAndMaxAreInMilliseconds() {
        Histogram micros = LatencyStats.histogram();
        for (int ms = 1; ms <= 100; ms++) {
            LatencyStats.record(micros, ms * 1_000_000L);
        }

        LatencyStats stats = LatencyStats.of(micros);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50Millis()).isCloseTo(50, within(0.1));
        assertThat(stats.p90Millis()).isCloseTo(90, within(0.1));
        assertThat(stats.p99Millis()).isCloseTo(99, within(0.1));
        assertThat(stats.maxMillis()).isCloseTo(100, within(0.1));
    }

    @Test
    void nothingRecordedIsAllZeroAndOutOfRangeValuesAreClamped() {
        Histogram micros = LatencyStats.histogram();
        assertThat(LatencyStats.of(micros)).isEqualTo(new LatencyStats(0, 0, 0, 0, 0));

        LatencyStats.record(micros, -5);
        LatencyStats.record(micros, Long.MAX_VALUE);

        assertThat(micros.getTotalCount()).isEqualTo(2);
        assertThat(LatencyStats.of(micros).maxMillis()).isCloseTo(600_000, within(600.0));
    }
}
