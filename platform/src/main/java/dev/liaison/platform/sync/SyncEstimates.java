package dev.liaison.platform.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How fast a sync reads and how long it has left: the one reckoning the progress logs and the admin API share. */
public final class SyncEstimates {

    private SyncEstimates() {
    }

    /** Records per second between {@code from} and {@code to}, rounded to a tenth; 0 before anything was read. */
    public static double rate(long records, Instant from, Instant to) {
        if (from == null || to == null || records <= 0) {
            return 0;
        }
        long millis = Math.max(1, Duration.between(from, to).toMillis());
        return Math.round(records * 10_000.0 / millis) / 10.0;
    }

    /**
     * What is left over the rate, to the second: empty when the source gave no count ({@code remaining} null) or
     * nothing was read yet to measure a rate by. An estimate: the rate includes rate-limit waits and pauses.
     */
    public static Optional<Duration> timeLeft(Long remaining, double recordsPerSecond) {
        if (remaining == null) {
            return Optional.empty();
        }
        if (remaining == 0) {
            return Optional.of(Duration.ZERO);
        }
        if (recordsPerSecond <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds((long) Math.ceil(remaining / recordsPerSecond)));
    }

    /** The counters per entity for a log line, e.g. {@code contacts 2500/2498/1/1, deletions 3/3/0/0}. */
    static String describe(Map<SyncEntity, SyncStore.Counts> byEntity) {
        if (byEntity.isEmpty()) {
            return "no records";
        }
        return byEntity.entrySet().stream().map(entry -> entry.getKey().name().toLowerCase(Locale.ROOT) + " "
                + entry.getValue().seen() + "/" + entry.getValue().changed() + "/" + entry.getValue().skipped() + "/"
                + entry.getValue().failed()).collect(Collectors.joining(", "));
    }
}
