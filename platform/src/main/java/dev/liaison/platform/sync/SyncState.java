package dev.liaison.platform.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One connection's sync as stored: the connector's opaque cursor after the last committed page, whether a run is
 * under way ({@code inRun}) and whether it reads everything ({@code fullRun}) or goes on from the last run's end, the
 * counters of the current or last run, in all and per entity, and who holds it. {@code leaseOwner} is the token of
 * one claim, not only a node's name, so that two claims on one node are told apart. Holds no personal data.
 *
 * @param remaining    what the source says is left to read in the run under way; null when it does not say
 * @param reconciledAt when the last incremental run (a reconciliation) completed; null before the first
 * @param driftChanged records that run handed on other than deletions; null before the first
 * @param driftDeleted deletions that run handed on; null before the first
 */
public record SyncState(String connectionId, String workspaceId, SyncPhase phase, String cursor, boolean inRun,
                        boolean fullRun, long runNumber, Duration interval, Instant nextRunAt, String leaseOwner,
                        Instant leaseExpiresAt, long pages, long seen, long changed, long skipped, long failed,
                        Instant startedAt, Instant finishedAt, String lastError, Instant lastCursorAt,
                        Map<SyncEntity, SyncStore.Counts> byEntity, Long remaining, Instant reconciledAt,
                        Long driftChanged, Long driftDeleted) {

    public SyncState {
        Map<SyncEntity, SyncStore.Counts> copy = new EnumMap<>(SyncEntity.class);
        copy.putAll(byEntity);
        byEntity = Collections.unmodifiableMap(copy);
    }

    /** The counters of the run so far. */
    public SyncStore.Counts counts() {
        return new SyncStore.Counts(seen, changed, skipped, failed);
    }

    SyncState withEntities(Map<SyncEntity, SyncStore.Counts> entities) {
        return new SyncState(connectionId, workspaceId, phase, cursor, inRun, fullRun, runNumber, interval, nextRunAt,
                leaseOwner, leaseExpiresAt, pages, seen, changed, skipped, failed, startedAt, finishedAt, lastError,
                lastCursorAt, entities, remaining, reconciledAt, driftChanged, driftDeleted);
    }
}
