package dev.liaison.connectors.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.ConnectionHealthReporter.Circuit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theStateGoesFromClosedToOpenToHalfOpenAndBack() {
        MovableClock clock = new MovableClock();
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(30), clock);
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.State(Circuit.CLOSED, null));

        breaker.failed();
        assertThat(breaker.state().circuit()).as("one failure of two").isEqualTo(Circuit.CLOSED);
        breaker.failed();
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.State(Circuit.OPEN, T0.plusSeconds(30)));

        clock.now = T0.plusSeconds(30);
        assertThat(breaker.state()).isEqualTo(new CircuitBreaker.State(Circuit.HALF_OPEN, null));
        breaker.succeeded();
        assertThat(breaker.state().circuit()).isEqualTo(Circuit.CLOSED);
    }
}
