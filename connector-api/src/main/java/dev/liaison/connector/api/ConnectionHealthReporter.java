package dev.liaison.connector.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a connector can tell about one connection's health that Liaison does not store: the state of the guards of
 * its outbound calls on this node (rate limit, circuit breaker, an upstream's pause) and when its OAuth access token
 * expires. Shown to the admin with the connection, so it never holds a secret: a token's expiry, never the token.
 */
public interface ConnectionHealthReporter {

    /** The guards of the connection's outbound calls on this node; empty until it made its first call here. */
    Optional<CallGuards> callGuards(String connectionId);

    /**
     * When the OAuth access token the connection holds now expires (it is renewed shortly before, when a call needs
     * it); empty when the connection calls without an OAuth token or holds none yet.
     */
    default Optional<Instant> accessTokenExpiresAt(ConnectionContext connection) {
        return Optional.empty();
    }

    /**
     * The expiry of a stored access token as the OAuth connectors keep it (an ISO-8601 setting next to the token);
     * empty when no token is stored or its expiry is unreadable, as the connector then renews it on its next call.
     */
    static Optional<Instant> tokenExpiry(String accessToken, String expiresAt) {
        if (accessToken == null || accessToken.isBlank() || expiresAt == null || expiresAt.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(expiresAt.trim()));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /** Where a connection's circuit breaker stands. */
    enum Circuit {
        /** Calls go out. */
        CLOSED,
        /** Calls are refused after repeated failures, until {@link CallGuards#circuitOpenUntil()}. */
        OPEN,
        /** The open time is over; the next call is a trial whose outcome closes or opens the circuit again. */
        HALF_OPEN
    }

    /**
     * The guards of one connection's calls on this node.
     *
     * @param perSecond        the rate the connection's token bucket refills at
     * @param burst            the bucket's capacity
     * @param tokensAvailable  calls that may go out at once without waiting
     * @param circuit          the circuit breaker's state
     * @param circuitOpenUntil when an open circuit lets a trial call through; null unless open
     * @param pausedUntil      until when the upstream asked for a pause (Retry-After, a spent quota); null if none
     */
    record CallGuards(double perSecond, long burst, long tokensAvailable, Circuit circuit, Instant circuitOpenUntil,
                      Instant pausedUntil) {
    }
}
