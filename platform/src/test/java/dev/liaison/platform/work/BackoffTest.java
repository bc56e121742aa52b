package dev.liaison.platform.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), 8);

    @Test
    void theFirstRetryComesAfterHalfToAllOfTheBaseDelay() {
        assertThat(backoff.next(0, NOW, () -> 0.0)).contains(NOW.plusMillis(500));
        assertThat(backoff.next(0, NOW, () -> 1.0)).contains(NOW.plusMillis(1000));
    }

    @Test
    void delaysDoubleWithEveryAttempt() {
        assertThat(backoff.next(1, NOW, () -> 1.0)).contains(NOW.plusSeconds(2));
        assertThat(backoff.next(4, NOW, () -> 1.0)).contains(NOW.plusSeconds(16));
    }

    @Test
    void delaysAreCapped() {
        Backoff patient = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 100);
        assertThat(patient.next(40, NOW, () -> 1.0)).contains(NOW.plusSeconds(30));
        assertThat(patient.next(98, NOW, () -> 0.0)).contains(NOW.plusSeconds(15));
    }

    @Test
    void thereIsNoRetryAfterTheLastAttempt() {
        assertThat(backoff.next(6, NOW, () -> 0.5)).isPresent();
        assertThat(backoff.next(7, NOW, () -> 0.5)).isEmpty();
    }
}
