package dev.liaison.web.admin;

import dev.liaison.connector.api.ConnectionHealthReporter;
import dev.liaison.connector.api.RemoteCallObserver;
import dev.liaison.platform.metrics.RemoteCallMetrics;
import dev.liaison.platform.sync.SyncState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How a connection is doing, in {@code GET /api/admin/connections/{id}}: the guards of its outbound calls, when its
 * OAuth token expires, its last sync and the drift the last reconciliation found. The guards are one node's view
 * (each node paces and breaks its own calls), so {@code node} says whose. Holds no secret and no personal data.
 */
@Schema(description = "The connection's health: rate limit and circuit of its outbound calls on the answering node, "
        + "OAuth token expiry, last sync, drift found by the last reconciliation")
public record ConnectionHealthView(
        @Schema(description = "the node that answered; calls are paced and broken per node") String node,
        @Schema(description = "the guards of the connection's outbound calls on this node; absent when it made no "
                + "call from this node since the node started, or its connector calls no remote system")
        CallsView calls,
        @Schema(description = "when the stored OAuth access token expires (it is renewed shortly before, when a call "
                + "needs it); absent for connections without an OAuth token (incoming webhooks, API tokens)")
        Instant accessTokenExpiresAt,
        @Schema(description = "the last (or current) sync run; absent when the connector pulls no records or the "
                + "sync was never started") LastSyncView lastSync,
        @Schema(description = "drift found by the last reconciliation: the records the last completed incremental "
                + "sync run handed on, i.e. changes the source holds that had not reached Liaison by the time the "
                + "previous run ended; absent before the first incremental run completed")
        DriftView lastReconciliation) {

    /** The connection's rate limit, circuit breaker and waits on this node. */
    public record CallsView(
            @Schema(description = "the token bucket's refill rate (calls per second, under the vendor's limit)")
            double ratePerSecond,
            @Schema(description = "the bucket's capacity") long burst,
            @Schema(description = "calls that may go out now without waiting") long tokensAvailable,
            @Schema(description = "CLOSED (calls go out), OPEN (refused after repeated failures until "
                    + "circuitOpenUntil) or HALF_OPEN (the next call is a trial)",
                    enumeration = {"CLOSED", "OPEN", "HALF_OPEN"}) String circuit,
            Instant circuitOpenUntil,
            @Schema(description = "until when the upstream asked for a pause (Retry-After, a spent quota)")
            Instant pausedUntil,
            @Schema(description = "calls that waited for a rate-limit token on this node since it started")
            WaitsView rateLimitWaits,
            @Schema(description = "calls that waited out an upstream's pause on this node since it started")
            WaitsView upstreamPauseWaits) {
    }

    /** How many calls waited, and how long in all. */
    public record WaitsView(long count, double seconds) {

        static final WaitsView NONE = new WaitsView(0, 0);

        static WaitsView of(RemoteCallMetrics.WaitTally tally) {
            return tally == null ? NONE : new WaitsView(tally.count(), tally.total().toMillis() / 1000.0);
        }
    }

    /** Where the connection's sync stands; {@code GET …/sync} has the counters. */
    public record LastSyncView(String phase, boolean runUnderWay, boolean fullRun, Instant startedAt,
                               Instant finishedAt, Instant nextRunAt, String lastError) {
    }

    /** The last reconciliation: when it completed and what it handed on, deletions apart. */
    public record DriftView(Instant finishedAt, long changed, long deleted) {
    }

    static ConnectionHealthView of(String node, Optional<ConnectionHealthReporter.CallGuards> guards,
                                   Map<RemoteCallObserver.WaitCause, RemoteCallMetrics.WaitTally> waits,
                                   Optional<Instant> tokenExpiresAt, Optional<SyncState> sync) {
        CallsView calls = guards.map(known -> new CallsView(known.perSecond(), known.burst(), known.tokensAvailable(),
                known.circuit().name(), known.circuitOpenUntil(), known.pausedUntil(),
                WaitsView.of(waits.get(RemoteCallObserver.WaitCause.RATE_LIMIT)),
                WaitsView.of(waits.get(RemoteCallObserver.WaitCause.UPSTREAM_PAUSE)))).orElse(null);
        LastSyncView lastSync = sync.map(state -> new LastSyncView(state.phase().name(), state.inRun(),
                state.fullRun(), state.startedAt(), state.finishedAt(), state.nextRunAt(), state.lastError()))
                .orElse(null);
        DriftView drift = sync.filter(state -> state.reconciledAt() != null)
                .map(state -> new DriftView(state.reconciledAt(), orZero(state.driftChanged()),
                        orZero(state.driftDeleted()))).orElse(null);
        return new ConnectionHealthView(node, calls, tokenExpiresAt.orElse(null), lastSync, drift);
    }

    private static long orZero(Long count) {
        return count == null ? 0 : count;
    }
}
