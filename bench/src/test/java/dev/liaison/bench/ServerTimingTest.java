package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTimingTest {

    @Test
    void readsTheAppMetricsDurationInMilliseconds() {
        assertThat(ServerTiming.appMillis("app;dur=12.3")).contains(12.3);
        assertThat(ServerTiming.appMillis("db;dur=4, app;desc=\"render\";dur=7")).contains(7.0);
    }

    @Test
    void anotherMetricOrNoDurationIsNoTime() {
        assertThat(ServerTiming.appMillis("db;dur=4")).isEmpty();
        assertThat(ServerTiming.appMillis("app")).isEmpty();
        assertThat(ServerTiming.appMillis("application;dur=3")).isEmpty();
    }
}
