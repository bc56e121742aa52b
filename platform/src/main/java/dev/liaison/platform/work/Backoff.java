package dev.liaison.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed inbox entry again: exponential from {@code base}, capped at {@code max}, with "equal
 * jitter" (half fixed, half random) so that entries that failed together do not retry together.
 * After {@code maxAttempts} attempts there is no next time.
 */
public record Backoff(Duration base, Duration max, int maxAttempts) {

    public Optional<Instant> next(int attemptsSoFar, Instant now, DoubleSupplier random) {
        int attempts = attemptsSoFar + 1;
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        long exponential = base.toMillis() << Math.min(attempts - 1, 30);
        long capped = Math.min(max.toMillis(), exponential < 0 ? Long.MAX_VALUE : exponential);
        long delay = capped / 2 + (long) (random.getAsDouble() * (capped / 2.0));
        return Optional.of(now.plusMillis(delay));
    }
}
