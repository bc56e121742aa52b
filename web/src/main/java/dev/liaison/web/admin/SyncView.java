package dev.liaison.web.admin;

import dev.liaison.platform.sync.SyncEntity;
import dev.liaison.platform.sync.SyncEstimates;
import dev.liaison.platform.sync.SyncState;
import dev.liaison.platform.sync.SyncStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection's sync as the admin sees it: where it stands, the counters of the current (or last) run in all and
 * per entity, how fast it reads and how long it has left. The connector's cursor is not shown: it is opaque, and only
 * {@code lastCursorAt} (the newest record time read so far) means something to a person. Nothing here is about a
 * person.
 *
 * @param recordsPerSecond records seen per second of the run, up to now while it runs
 */
@Schema(description = "A connection's pull sync: phase, counters of the current (or last) run, rate, estimated time "
        + "left, schedule and last error")
public record SyncView(
        @Schema(description = "IDLE (waits for nextRunAt), RUNNING, PAUSED or FAILED (retried at nextRunAt)",
                enumeration = {"IDLE", "RUNNING", "PAUSED", "FAILED"}) String phase,
        @Schema(description = "the run reads everything from the beginning (initial import, full resync)")
        boolean fullRun,
        @Schema(description = "a run started and has not reached the end of the stream (it may be paused or failed)")
        boolean runUnderWay,
        long runNumber,
        @Schema(description = "how long the sync rests between runs, ISO-8601", example = "PT15M") String interval,
        Instant nextRunAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "pages committed in this run") long pages,
        long recordsSeen,
        @Schema(description = "records handed to the pipeline (the profile store decides whether a profile "
                + "changed)") long recordsChanged,
        @Schema(description = "records left out as out of bounds") long recordsSkipped,
        @Schema(description = "records a stage refused") long recordsFailed,
        @Schema(description = "the counters per entity, named from each record's canonical event type: contacts "
                + "(people and their consent), deals, tickets, deletions (records the source deleted); other only "
                + "when a record fits none") Map<String, EntityCounts> entities,
        @Schema(description = "records seen per second of the run, since it started (waits and pauses included)")
        double recordsPerSecond,
        @Schema(description = "while a run is under way: what the vendor says is left in the part of the stream "
                + "being read (Bitrix24 counts one entity at a time: contacts, then leads, then deals); absent when "
                + "the vendor gives no count (amoCRM, Zendesk) or before the next entity's first page")
        Long recordsRemaining,
        @Schema(description = "recordsRemaining over recordsPerSecond, ISO-8601; absent when unknown",
                example = "PT2M30S") String estimatedTimeLeft,
        @Schema(description = "the newest record time read so far") Instant lastCursorAt,
        Instant leaseExpiresAt,
        @Schema(description = "why the last attempt failed; no personal data, at most 500 characters")
        String lastError) {

    /** One entity's counters in the run. */
    public record EntityCounts(long seen, long changed, long skipped, long failed) {

        static EntityCounts of(SyncStore.Counts counts) {
            return new EntityCounts(counts.seen(), counts.changed(), counts.skipped(), counts.failed());
        }
    }

    static SyncView of(SyncState state, Clock clock) {
        Instant now = clock.instant();
        double rate = rate(state, now);
        Long remaining = state.inRun() ? state.remaining() : null;
        return new SyncView(state.phase().name(), state.fullRun(), state.inRun(), state.runNumber(),
                state.interval().toString(), state.nextRunAt(), state.startedAt(), state.finishedAt(), state.pages(),
                state.seen(), state.changed(), state.skipped(), state.failed(), entities(state), rate, remaining,
                SyncEstimates.timeLeft(remaining, rate).map(Duration::toString).orElse(null), state.lastCursorAt(),
                state.leaseExpiresAt(), state.lastError());
    }

    /** Every entity but {@link SyncEntity#OTHER} is listed, zero or not, so that a client finds each one. */
    private static Map<String, EntityCounts> entities(SyncState state) {
        Map<String, EntityCounts> entities = new LinkedHashMap<>();
        for (SyncEntity entity : SyncEntity.values()) {
            SyncStore.Counts counts = state.byEntity().get(entity);
            if (counts != null || entity != SyncEntity.OTHER) {
                entities.put(entity.name().toLowerCase(Locale.ROOT),
                        EntityCounts.of(counts == null ? SyncStore.Counts.NONE : counts));
            }
        }
        return entities;
    }

    private static double rate(SyncState state, Instant now) {
        Instant end = state.inRun() || state.finishedAt() == null ? now : state.finishedAt();
        return SyncEstimates.rate(state.seen(), state.startedAt(), end);
    }
}
