package dev.liaison.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.work.Drainer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerLivenessTest {

    private final WorkerLiveness liveness = new WorkerLiveness(Duration.ofMinutes(5));

    @Test
    void aWorkerIsStalledOnlyPastTheLimit() {
        assertThat(liveness.stalled(beat(Duration.ofMinutes(4), Duration.ofSeconds(1)))).isFalse();
        assertThat(liveness.stalled(beat(Duration.ofMinutes(6), Duration.ofSeconds(1)))).isTrue();
    }

    @Test
    void aSlowPollerGetsThreeOfItsIntervals() {
        assertThat(liveness.stalled(beat(Duration.ofMinutes(20), Duration.ofMinutes(10)))).isFalse();
        assertThat(liveness.stalled(beat(Duration.ofMinutes(31), Duration.ofMinutes(10)))).isTrue();
    }

    private static Drainer.Heartbeat beat(Duration sinceProgress, Duration pollInterval) {
        return new Drainer.Heartbeat("outbox", sinceProgress, pollInterval);
    }
}
