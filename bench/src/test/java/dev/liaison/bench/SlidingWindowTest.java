package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private static final long MILLI = 1_000_000L;

    @Test
    void noSecondHoldsMoreThanSevenAdmittedRequests() {
        SlidingWindow window = new SlidingWindow(7, Duration.ofSeconds(1));
        for (int i = 0; i < 7; i++) {
            assertThat(window.admit(i * 100 * MILLI).admitted()).isTrue();
        }

        ArrivalLimit.Verdict eighth = window.admit(999 * MILLI);

        assertThat(eighth.admitted()).isFalse();
        assertThat(eighth.retryAfter()).isEqualTo(Duration.ofMillis(1));
        assertThat(window.admit(1_000 * MILLI).admitted()).as("the first request has left the window").isTrue();
        assertThat(window.admit(1_050 * MILLI).admitted()).as("the second is still in it").isFalse();
    }

    @Test
    void aRequestAHairEarlierThanTheWindowAllowsIsRefused() {
        SlidingWindow window = new SlidingWindow(10, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            window.admit(i * 6_000 * MILLI);
        }

        assertThat(window.admit(60_000 * MILLI - 1).admitted()).isFalse();
        assertThat(window.admit(60_000 * MILLI).admitted()).isTrue();
    }

    @Test
    void itAdmitsItsLimitAtOnce() {
        SlidingWindow zendesk = new SlidingWindow(10, Duration.ofMinutes(1));

        assertThat(zendesk.burst()).isEqualTo(10);
    }
}
