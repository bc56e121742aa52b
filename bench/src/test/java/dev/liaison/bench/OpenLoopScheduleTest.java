package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void requestsAreDueEvenlySpacedFromTheStart() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(20, 5);

        assertThat(schedule.dueNanos(0)).isZero();
        assertThat(schedule.dueNanos(1)).isEqualTo(50_000_000L);
        assertThat(schedule.dueNanos(4)).isEqualTo(200_000_000L);
        assertThat(schedule.span()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aFractionalIntervalDoesNotDriftOverALongRun() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(3, 3_001);

        assertThat(schedule.dueNanos(3_000)).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void achievedRateCountsTheGapsBetweenFirstAndLastSend() {
        assertThat(OpenLoopSchedule.achievedPerSecond(21, 0, 1_000_000_000L)).isCloseTo(20, within(1e-9));
        assertThat(OpenLoopSchedule.achievedPerSecond(21, 0, 2_000_000_000L)).isCloseTo(10, within(1e-9));
        assertThat(OpenLoopSchedule.achievedPerSecond(1, 5, 5)).isZero();
    }

    @Test
    void rejectsAnEmptyOrRatelessScheduleAndIndexesOutsideIt() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(20, 2).dueNanos(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
