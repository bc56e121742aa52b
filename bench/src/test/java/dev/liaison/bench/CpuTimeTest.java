package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void aRunUsesTheDifferenceBetweenTwoReadings() {
        CpuTime before = new CpuTime(seconds(10), seconds(5), seconds(1), seconds(20));
        CpuTime after = new CpuTime(seconds(13), seconds(7), seconds(2), seconds(27));

        CpuTime used = after.minus(before);

        assertThat(used).isEqualTo(new CpuTime(seconds(3), seconds(2), seconds(1), seconds(7)));
        assertThat(used.others()).isEqualTo(seconds(1));
    }

    @Test
    void othersNeverGoBelowZeroWhenTheReadingsAreSlightlyApart() {
        CpuTime used = new CpuTime(seconds(3), seconds(2), seconds(1), Duration.ofMillis(5_990));

        assertThat(used.others()).isEqualTo(Duration.ZERO);
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
