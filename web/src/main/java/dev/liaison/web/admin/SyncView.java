package dev.liaison.web.admin;

import dev.liaison.platform.sync.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A connection's sync as the admin sees it: where it stands, the counters of the current (or last) run and how fast
 * it reads. The connector's cursor is not shown: it is opaque, and only {@code lastCursorAt} (the newest record time
 * read so far) means something to a person. Nothing here is about a person.
 *
 * @param recordsPerSecond records seen per second of the run, up to now while it runs
 */
public record SyncView(String phase, boolean fullRun, boolean runUnderWay, long runNumber, String interval,
                       Instant nextRunAt, Instant startedAt, Instant finishedAt, long pages, long recordsSeen,
                       long recordsChanged, long recordsSkipped, long recordsFailed, double recordsPerSecond,
                       Instant lastCursorAt, Instant leaseExpiresAt, String lastError) {

    static SyncView of(SyncState state, Clock clock) {
        return new SyncView(state.phase().name(), state.fullRun(), state.inRun(), state.runNumber(),
                state.interval().toString(), state.nextRunAt(), state.startedAt(), state.finishedAt(), state.pages(),
                state.seen(), state.changed(), state.skipped(), state.failed(), rate(state, clock.instant()),
                state.lastCursorAt(), state.leaseExpiresAt(), state.lastError());
    }

    private static double rate(SyncState state, Instant now) {
        if (state.startedAt() == null) {
            return 0;
        }
        Instant end = state.inRun() || state.finishedAt() == null ? now : state.finishedAt();
        long millis = Math.max(1, Duration.between(state.startedAt(), end).toMillis());
        return Math.round(state.seen() * 10_000.0 / millis) / 10.0;
    }
}
