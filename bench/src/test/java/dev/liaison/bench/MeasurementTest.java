package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        Histogram latencyMicros = new Histogram(60_000_000L, 3);
        for (long micros = 1; micros <= 1_000; micros++) {
            latencyMicros.recordValue(micros * 10);
        }

        Measurement measurement = Measurement.of(8, latencyMicros, Map.of(), Duration.ofSeconds(2), CpuTime.NONE,
                false);

        assertThat(measurement.succeeded()).isEqualTo(1_000);
        assertThat(measurement.p50Millis()).isCloseTo(5.0, within(0.01));
        assertThat(measurement.p99Millis()).isCloseTo(9.9, within(0.01));
    }

    @Test
    void throughputCountsOnlySuccessfulRequests() {
        Measurement measurement = new Measurement(32, 3_000, Map.of("HTTP 500", 2L, "ConnectException", 1L),
                Duration.ofMillis(1_500), 1, 2, CpuTime.NONE, false);

        assertThat(measurement.perSecond()).isCloseTo(2_000, within(0.001));
        assertThat(measurement.errorCount()).isEqualTo(3);
        assertThat(measurement.sortedErrors().keySet()).containsExactly("ConnectException", "HTTP 500");
    }

    @Test
    void aRunThatTookNoTimeHasNoThroughputRatherThanInfinity() {
        Measurement measurement = new Measurement(1, 0, Map.of(), Duration.ZERO, 0, 0, CpuTime.NONE, false);

        assertThat(measurement.perSecond()).isZero();
    }
}
