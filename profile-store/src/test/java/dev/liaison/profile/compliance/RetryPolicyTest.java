package dev.liaison.profile.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-02-02T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 3);

    @Test
    void backsOffExponentiallyWithinTheCap() {
        assertThat(policy.next(0, NOW, Optional.empty(), () -> 1.0)).contains(NOW.plusSeconds(30));
        assertThat(policy.next(1, NOW, Optional.empty(), () -> 0.0)).contains(NOW.plusSeconds(30));
    }

    @Test
    void neverRetriesBeforeTheSystemsRetryAfter() {
        assertThat(policy.next(0, NOW, Optional.of(Duration.ofMinutes(10)), () -> 1.0))
                .contains(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(policy.next(2, NOW, Optional.empty(), () -> 0.5)).isEmpty();
    }
}
