package dev.liaison.connector.api;

import java.time.Duration;

/**
 * Hears what the per-connection guards of outbound calls do, so that an operator can see a connection stuck behind
 * its rate limit or its circuit breaker. The connectors' shared call support reports to it; the platform counts what
 * it hears as metrics. Connectors need no metrics library, and this module stays free of one. Called on the calling
 * thread: an implementation only counts and returns.
 */
public interface RemoteCallObserver {

    /** Reports nothing; the observer of calls made outside the server (unit tests, tools). */
    RemoteCallObserver NONE = new RemoteCallObserver() {
        @Override
        public void waited(String connectionId, WaitCause cause, Duration waited) {
            // Nobody listens.
        }

        @Override
        public void circuitChanged(String connectionId, boolean open) {
            // Nobody listens.
        }
    };

    /** Why a call was held back before it went out. */
    enum WaitCause {
        /** The connection's token bucket had no slot yet. */
        RATE_LIMIT,
        /** The upstream asked for a pause (Retry-After, a spent quota) and the call waited it out. */
        UPSTREAM_PAUSE
    }

    /** A call of {@code connectionId} waited {@code waited} before it went out. */
    void waited(String connectionId, WaitCause cause, Duration waited);

    /** The circuit breaker of {@code connectionId} opened (calls are refused) or closed again. */
    void circuitChanged(String connectionId, boolean open);
}
