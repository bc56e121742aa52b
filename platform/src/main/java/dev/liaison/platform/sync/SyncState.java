package dev.liaison.platform.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * One connection's sync as stored: the connector's opaque cursor after the last committed page, whether a run is
 * under way ({@code inRun}) and whether it reads everything ({@code fullRun}) or goes on from the last run's end, the
 * counters of the current or last run, and who holds it. {@code leaseOwner} is the token of one claim, not only a
 * node's name, so that two claims on one node are told apart. Holds no personal data.
 */
public record SyncState(String connectionId, String workspaceId, SyncPhase phase, String cursor, boolean inRun,
                        boolean fullRun, long runNumber, Duration interval, Instant nextRunAt, String leaseOwner,
                        Instant leaseExpiresAt, long pages, long seen, long changed, long skipped, long failed,
                        Instant startedAt, Instant finishedAt, String lastError, Instant lastCursorAt) {
}
