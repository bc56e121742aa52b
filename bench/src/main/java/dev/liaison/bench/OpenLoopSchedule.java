package dev.liaison.bench;

import java.time.Duration;

/**
 * When each request of an open-loop run is due: evenly spaced at a fixed rate from the start, whatever the system
 * under test answers, so that a slow answer delays no later request and latency is not hidden by a waiting sender
 * (coordinated omission).
 *
 * @param perSecond requests a second
 * @param count     requests in the run
 */
record OpenLoopSchedule(double perSecond, int count) {

    OpenLoopSchedule {
        if (!(perSecond > 0) || count < 1) {
            throw new IllegalArgumentException("a schedule needs a positive rate and at least one request, was "
                    + perSecond + "/s and " + count);
        }
    }

    /** How long after the start request {@code index} (from 0) is due. */
    long dueNanos(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
        }
        return Math.round(index * 1e9 / perSecond);
    }

    /** From the first request to the last; one request takes no time. */
    Duration span() {
        return Duration.ofNanos(dueNanos(count - 1));
    }

    /**
     * The rate the sender achieved: the gaps between the first and the last send, per second of that span. It
     * equals {@link #perSecond()} when every request left on time, and is lower when the sender fell behind.
     */
    static double achievedPerSecond(int sent, long firstSentNanos, long lastSentNanos) {
        long span = lastSentNanos - firstSentNanos;
        return sent < 2 || span <= 0 ? 0 : (sent - 1) * 1e9 / span;
    }
}
