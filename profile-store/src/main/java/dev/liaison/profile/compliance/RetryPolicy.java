package dev.liaison.profile.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a system that failed is tried again: exponential from {@code base}, capped at {@code max}, with equal
 * jitter, and never before the system's own Retry-After. After {@code maxAttempts} attempts it is left FAILED
 * for an officer to retry.
 */
public record RetryPolicy(Duration base, Duration max, int maxAttempts) {

    public Optional<Instant> next(int attemptsSoFar, Instant now, Optional<Duration> retryAfter,
                                  DoubleSupplier random) {
        int attempts = attemptsSoFar + 1;
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        long exponential = base.toMillis() << Math.min(attempts - 1, 30);
        long capped = Math.min(max.toMillis(), exponential < 0 ? Long.MAX_VALUE : exponential);
        Instant backedOff = now.plusMillis(capped / 2 + (long) (random.getAsDouble() * (capped / 2.0)));
        Instant earliest = now.plus(retryAfter.orElse(Duration.ZERO));
        return Optional.of(backedOff.isBefore(earliest) ? earliest : backedOff);
    }
}
