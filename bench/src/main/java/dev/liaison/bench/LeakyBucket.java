package dev.liaison.bench;

import java.time.Duration;

/**
 * Bitrix24's limit (external-apis.md §1.4): every request raises a counter that drains continuously at
 * {@code drainPerSecond}; a request that would lift it above {@code capacity} is refused. Standard plans: 2/s and 50.
 */
final class LeakyBucket implements ArrivalLimit {

    private final double drainPerSecond;
    private final double capacity;
    private double level;
    private long lastNanos;
    private boolean started;

    LeakyBucket(double drainPerSecond, int capacity) {
        if (drainPerSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("a leaky bucket needs a positive drain and a capacity of at least 1");
        }
        this.drainPerSecond = drainPerSecond;
        this.capacity = capacity;
    }

    @Override
    public synchronized Verdict admit(long arrivalNanos) {
        if (started) {
            level = Math.max(0, level - (arrivalNanos - lastNanos) / 1e9 * drainPerSecond);
        }
        started = true;
        lastNanos = arrivalNanos;
        if (level + 1 > capacity) {
            double excess = level + 1 - capacity;
            return Verdict.refused(Duration.ofNanos((long) Math.ceil(excess / drainPerSecond * 1e9)));
        }
        level += 1;
        return Verdict.ADMITTED;
    }

    @Override
    public int burst() {
        return (int) capacity;
    }
}
