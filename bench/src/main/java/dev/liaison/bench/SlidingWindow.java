package dev.liaison.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * "Not more than {@code limit} requests per {@code window}", read as strictly as it can be: no window of that length,
 * wherever it starts, holds more than {@code limit} admitted requests. amoCRM's 7 per second and Zendesk's
 * incremental exports' 10 per minute (external-apis.md §2.3, §3.4).
 */
final class SlidingWindow implements ArrivalLimit {

    private final int limit;
    private final long windowNanos;
    private final Deque<Long> admitted = new ArrayDeque<>();

    SlidingWindow(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a sliding window needs a limit of at least 1 and a positive length");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    @Override
    public synchronized Verdict admit(long arrivalNanos) {
        while (!admitted.isEmpty() && admitted.peekFirst() <= arrivalNanos - windowNanos) {
            admitted.removeFirst();
        }
        if (admitted.size() >= limit) {
            return Verdict.refused(Duration.ofNanos(admitted.peekFirst() + windowNanos - arrivalNanos));
        }
        admitted.addLast(arrivalNanos);
        return Verdict.ADMITTED;
    }

    @Override
    public int burst() {
        return limit;
    }
}
