package dev.liaison.connectors.support;

import dev.liaison.connector.api.ConnectionHealthReporter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops calling an upstream that keeps failing: after {@code threshold} consecutive failures the breaker opens for
 * {@code openFor}; then one trial call is let through, and its outcome closes or reopens it. One per connection, so
 * one broken portal never slows the others down.
 */
final class CircuitBreaker {

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** @return empty when a call may go ahead, else how long the breaker stays open */
    synchronized Optional<Duration> blockedFor() {
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            return Optional.of(Duration.between(now, openUntil));
        }
        if (consecutiveFailures >= threshold) {
            if (trialInFlight) {
                return Optional.of(openFor);
            }
            trialInFlight = true;
        }
        return Optional.empty();
    }

    /** Where the breaker stands now, and until when an open one refuses calls (null unless open). */
    synchronized State state() {
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            return new State(ConnectionHealthReporter.Circuit.OPEN, openUntil);
        }
        return new State(consecutiveFailures >= threshold ? ConnectionHealthReporter.Circuit.HALF_OPEN
                : ConnectionHealthReporter.Circuit.CLOSED, null);
    }

    record State(ConnectionHealthReporter.Circuit circuit, Instant openUntil) {
    }

    /** @return whether this closed an open breaker */
    synchronized boolean succeeded() {
        boolean wasOpen = consecutiveFailures >= threshold;
        consecutiveFailures = 0;
        trialInFlight = false;
        openUntil = Instant.MIN;
        return wasOpen;
    }

    /** @return whether this opened a closed breaker (a failed trial call keeps it open) */
    synchronized boolean failed() {
        consecutiveFailures++;
        trialInFlight = false;
        if (consecutiveFailures >= threshold) {
            openUntil = clock.instant().plus(openFor);
        }
        return consecutiveFailures == threshold;
    }
}
