package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoutingBenchSettingsTest {

    @Test
    void sendsTwentyTicketsASecondForTheWholeSendingTime() {
        RoutingBenchSettings settings = settings(1, Duration.ofSeconds(60));

        assertThat(settings.tickets()).isEqualTo(1_200);
        assertThat(settings.schedule(settings.tickets()).span()).isEqualTo(Duration.ofMillis(59_950));
        assertThat(settings.warmUpTickets()).isEqualTo(200);
    }

    @Test
    void scaleShortensTheRunButNotTheRate() {
        RoutingBenchSettings smoke = settings(0.05, Duration.ofSeconds(60));

        assertThat(smoke.tickets()).isEqualTo(60);
        assertThat(smoke.warmUpTickets()).isEqualTo(10);
        assertThat(smoke.schedule(smoke.tickets()).perSecond()).isEqualTo(20);
        assertThat(settings(0.00001, Duration.ofSeconds(1)).tickets()).isEqualTo(1);
    }

    @Test
    void rejectsANonPositiveSendingTime() {
        assertThatThrownBy(() -> settings(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RoutingBenchSettings settings(double scale, Duration sending) {
        return new RoutingBenchSettings(new BenchSettings(Path.of("server"), Path.of("target"), scale,
                Duration.ofSeconds(1)), sending);
    }
}
